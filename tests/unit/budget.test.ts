import { isExhausted, isOver, remaining, splitByWeight, sumUsage } from '../../src/workflow-safe/usage';

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
