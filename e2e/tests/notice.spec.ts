import { expect, test } from '@playwright/test';
import { RUN, USERS, newUserPage, re, shot } from './helpers';

test("admin sends a notice and bob's bell shows it live", async ({ browser }) => {
  const noticeTitle = `[공지] 땅근마켓 점검 안내 ${RUN}`;
  const bob = await newUserPage(browser, USERS.bob);
  const admin = await newUserPage(browser, USERS.admin);
  try {
    const b = bob.page;
    // Start from an empty bell: opening the inbox reads what is there.
    await b.getByRole('link', { name: /^(안 읽은 )?알림( \d+)?$/ }).click();
    await expect(b.getByRole('heading', { name: '알림', exact: true })).toBeVisible();
    await expect(b.getByRole('link', { name: '알림', exact: true })).toBeVisible();
    await b.getByRole('link', { name: '홈', exact: true }).click();

    const a = admin.page;
    await a.getByRole('link', { name: '관리자' }).click();
    await expect(a.getByRole('heading', { name: '관리자 콘솔' })).toBeVisible();
    await a.getByRole('tab', { name: '공지/광고' }).click();
    await a.getByLabel('공지', { exact: true }).check();
    await a.getByLabel('제목').fill(noticeTitle);
    await a.getByLabel('내용').fill('11월 30일 새벽 2시부터 30분간 점검이 있어요.');
    await a.getByRole('button', { name: '보내기' }).click();
    await expect(a.getByRole('status').filter({ hasText: '접수했어요' })).toBeVisible();
    await expect(a.getByRole('row', { name: re(noticeTitle) })).toBeVisible();
    await shot(a, '50-admin-notice');

    // Live over SSE: bob does not reload.
    const bell = b.getByRole('link', { name: /안 읽은 알림 \d+/ });
    await expect(bell).toBeVisible({ timeout: 30_000 });
    await shot(b, '51-bob-bell');
    await bell.click();
    await expect(b.getByText(noticeTitle).first()).toBeVisible();
    await shot(b, '52-bob-inbox');
  } finally {
    await bob.context.close();
    await admin.context.close();
  }
});

test('admin schedules a notice, sees it scheduled with stats, and cancels it', async ({ browser }) => {
  const title = `[예약] 연말 이벤트 안내 ${RUN}`;
  const admin = await newUserPage(browser, USERS.admin);
  try {
    const a = admin.page;
    await a.getByRole('link', { name: '관리자' }).click();
    await a.getByRole('tab', { name: '공지/광고' }).click();
    await a.getByLabel('광고', { exact: true }).check();
    await expect(a.getByText(/수신 동의한 사용자에게만/)).toBeVisible();
    await a.getByLabel('공지', { exact: true }).check();
    await a.getByLabel('제목').fill(title);
    await a.getByLabel('내용').fill('12월 31일에 만나요.');
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    await a.getByLabel('예약 발송 시각 (선택)').fill(local);
    await a.getByRole('button', { name: '보내기' }).click();
    const row = a.getByRole('row', { name: re(title) });
    await expect(row).toContainText('예약됨');
    await expect(row).toContainText(/대상 \d+ · 성공 \d+ · 실패 \d+/);
    await row.getByRole('button', { name: '예약 취소' }).click();
    await expect(row).toContainText('취소됨');
    await shot(a, '53-admin-cancelled');
  } finally {
    await admin.context.close();
  }
});
