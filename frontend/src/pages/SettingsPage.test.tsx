import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { DeleteAccount } from './SettingsPage';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

function page() {
  return (
    <Routes>
      <Route path="/settings" element={<DeleteAccount />} />
      <Route path="/" element={<p>홈 화면</p>} />
    </Routes>
  );
}

describe('탈퇴 (DeleteAccount)', () => {
  it('deletes only after the word is typed, then forgets the session (which reloads the app at home)', async () => {
    const calls: { url: string; method: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, method: init?.method ?? 'GET' });
        return new Response(null, { status: 204 });
      }),
    );
    const auth = fakeAuth({});
    renderWith(page(), { auth, path: '/settings' });

    await userEvent.click(screen.getByRole('button', { name: '탈퇴하기' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    const confirm = screen.getByRole('button', { name: '계정 영구 삭제' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const word = screen.getByLabelText('확인을 위해 "탈퇴"를 입력해 주세요');
    fireEvent.change(word, { target: { value: '탈퇴 안 해' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(word, { target: { value: '탈퇴' } });
    expect(confirm.disabled).toBe(false);
    expect(calls).toEqual([]);
    await userEvent.click(confirm);

    await waitFor(() => expect(auth.forget).toHaveBeenCalledTimes(1));
    expect(calls).toEqual([{ url: '/api/me', method: 'DELETE' }]);
    expect(auth.logout).not.toHaveBeenCalled();
  });

  it('cancel closes the dialog without a call; a failure is shown and the session kept', async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '잠시 후 다시' }, 503),
    );
    vi.stubGlobal('fetch', fetchMock);
    const auth = fakeAuth({});
    renderWith(page(), { auth, path: '/settings' });

    await userEvent.click(screen.getByRole('button', { name: '탈퇴하기' }));
    await userEvent.click(screen.getByRole('button', { name: '취소' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: '탈퇴하기' }));
    fireEvent.change(screen.getByLabelText('확인을 위해 "탈퇴"를 입력해 주세요'), { target: { value: '탈퇴' } });
    await userEvent.click(screen.getByRole('button', { name: '계정 영구 삭제' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(auth.forget).not.toHaveBeenCalled();
    expect(screen.queryByText('홈 화면')).toBeNull();
  });
});
