import { SEARCH_ATTRIBUTE_VALUE_LIMIT, fitKeywordList } from '../../src/workflow-safe/search-attributes';

const bytes = (list: string[]) => Buffer.byteLength(JSON.stringify(list));

describe('keyword lists that fit the search-attribute value limit', () => {
  test('a list that fits is kept as it is', () => {
    const values = ['auth', 'payments', 'ui'];
    expect(fitKeywordList({ values })).toBe(values);
  });

  test('a long list keeps its first names and says how many more there are, within the limit', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `d${String(i + 1).padStart(4, '0')}`);
    const fitted = fitKeywordList({ values });
    expect(bytes(fitted)).toBeLessThanOrEqual(SEARCH_ATTRIBUTE_VALUE_LIMIT);
    expect(
      bytes([...fitted.slice(0, -1), values[fitted.length - 1] as string, `+${1000 - fitted.length} more`]),
    ).toBeGreaterThan(SEARCH_ATTRIBUTE_VALUE_LIMIT); // not one more name would fit
    expect(fitted.slice(0, -1)).toEqual(values.slice(0, fitted.length - 1));
    expect(fitted.at(-1)).toBe(`+${1000 - (fitted.length - 1)} more`);
  });

  test('the limit counts bytes, not characters', () => {
    const values = ['é'.repeat(30), 'ü'.repeat(30), 'ß'.repeat(30)];
    const fitted = fitKeywordList({ values, limit: 100 });
    expect(bytes(fitted)).toBeLessThanOrEqual(100);
    expect(fitted).toEqual([values[0], '+2 more']);
  });
});
