export async function measureTokens() { return []; }
