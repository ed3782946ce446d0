import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportButton } from './ReportDialog';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

describe('ReportButton', () => {
  it('sends the reason and details with the target id as a string', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        bodies.push(JSON.parse(String(init?.body)));
        return jsonResponse({ id: 1, status: 'OPEN' }, 201);
      }),
    );
    renderWith(<ReportButton targetType="LISTING" targetId={42} />, { auth: fakeAuth({}) });
    await userEvent.click(screen.getByRole('button', { name: '신고하기: 게시글' }));
    const submit = screen.getByRole('button', { name: '신고 보내기' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByLabelText('사기가 의심돼요'));
    await userEvent.type(screen.getByLabelText('자세한 내용 (선택)'), '선입금 요구');
    await userEvent.click(submit);
    expect(await screen.findByText(/신고가 접수됐어요/)).toBeTruthy();
    expect(bodies).toEqual([{ targetType: 'LISTING', targetId: '42', reason: 'FRAUD', text: '선입금 요구' }]);
  });

  it('needs details for 기타 and shows the server refusal', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse({ status: 422, title: 'Unprocessable Content', detail: 'You can not report yourself' }, 422),
      ),
    );
    renderWith(<ReportButton targetType="USER" targetId="u-1" />, { auth: fakeAuth({}) });
    await userEvent.click(screen.getByRole('button', { name: '신고하기: 사용자' }));
    await userEvent.click(screen.getByLabelText('기타'));
    const submit = screen.getByRole('button', { name: '신고 보내기' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('자세한 내용 (필수)'), '이상해요');
    expect(submit.disabled).toBe(false);
    await userEvent.click(submit);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('You can not report yourself'));
  });

  it('asks an anonymous visitor to log in', async () => {
    const auth = fakeAuth(null);
    renderWith(<ReportButton targetType="COMMENT" targetId={3} />, { auth });
    await userEvent.click(screen.getByRole('button', { name: '신고하기: 댓글' }));
    expect(auth.login).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
