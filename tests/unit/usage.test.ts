import {
  formatTokens,
  isExhausted,
  isOver,
  remaining,
  splitByWeight,
  sumUsage,
  usageText,
} from '../../src/workflow-safe/usage';

describe('budget', () => {
  test('shares follow the weights and never add up to more than the total', () => {
    const shares = splitByWeight({
      total: { tokens: 100_001, costUsd: 10 },
      parts: [
        { name: 'auth', weight: 1.2 },
        { name: 'ui', weight: 1 },
        { name: 'profile', weight: 0.8 },
      ],
    });
    const auth = shares.get('auth');
    const profile = shares.get('profile');
    expect(auth && profile && auth.tokens > profile.tokens).toBe(true);
    const sum = sumUsage([...shares.values()]);
    expect(sum.tokens).toBeLessThanOrEqual(100_001);
    expect(sum.costUsd).toBeLessThanOrEqual(10);
    expect(sum.tokens).toBeGreaterThan(100_001 - 3);
  });

  test('remaining, over and exhausted', () => {
    const allotted = { tokens: 1000, costUsd: 1 };
    expect(remaining({ allotted, used: { tokens: 400, costUsd: 0.25 } })).toEqual({ tokens: 600, costUsd: 0.75 });
    expect(remaining({ allotted, used: { tokens: 1400, costUsd: 0 } }).tokens).toBe(0);
    expect(isOver({ allotted, used: { tokens: 1001, costUsd: 0 } })).toBe(true);
    expect(isOver({ allotted, used: { tokens: 1000, costUsd: 1 } })).toBe(false);
    expect(isExhausted({ allotted, used: { tokens: 1000, costUsd: 0.5 } })).toBe(true);
  });
});

describe('usage as WAVE prints it', () => {
  test('tokens are grouped by thousands whatever the machine’s locale', () => {
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(1200)).toBe('1,200');
    expect(formatTokens(500_000)).toBe('500,000');
    expect(formatTokens(12_345_678)).toBe('12,345,678');
  });

  test('the CLI and reports show usage against an allotment; the Web UI details keep plain digits', () => {
    const used = { tokens: 1200, costUsd: 0.012 };
    const allotted = { tokens: 5000, costUsd: 1 };
    expect(usageText({ used, style: 'text' })).toBe('1,200 tok, $0.012');
    expect(usageText({ used, allotted, style: 'text' })).toBe('1,200/5,000 tok, $0.012/$1.00');
    expect(usageText({ used, style: 'details' })).toBe('1200 tok · $0.012');
    expect(usageText({ used, allotted: { tokens: 5000, costUsd: 7.5 }, style: 'details' })).toBe(
      '1200 / 5000 tok · $0.012 / $7.50',
    );
  });
});
