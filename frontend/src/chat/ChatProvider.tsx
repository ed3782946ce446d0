import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { getAccessToken } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { keys } from '../lib/queries';
import { ChatSocket } from './socket';

export const ChatContext = createContext<ChatSocket | null>(null);

/** Keeps the one chat WebSocket open while signed in; any message refreshes the room list (unread badges). */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const qc = useQueryClient();
  const [socket, setSocket] = useState<ChatSocket | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per signed-in user: reconnect when the user id changes, not on every new user object
  useEffect(() => {
    if (!user) return;
    const s = new ChatSocket(getAccessToken);
    const off = s.onFrame((f) => {
      if (f.type === 'message' || f.type === 'read' || f.type === 'resync') {
        void qc.invalidateQueries({ queryKey: keys.rooms });
      }
    });
    s.start();
    setSocket(s);
    return () => {
      off();
      s.stop();
      setSocket(null);
    };
  }, [user?.id, qc]);
  return <ChatContext.Provider value={socket}>{children}</ChatContext.Provider>;
}

export function useChatSocket(): ChatSocket | null {
  return useContext(ChatContext);
}
