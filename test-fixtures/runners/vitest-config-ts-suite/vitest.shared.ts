export const shared = { environment: 'node' as const, globals: false };
