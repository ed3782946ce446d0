export const SERVICES: string[];
export function generate(service: string): Promise<string>;
export function stale(): Promise<string[]>;
