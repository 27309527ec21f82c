export function startApp(_: unknown): any { throw new Error('todo'); }
