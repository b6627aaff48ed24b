import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/profile', '/profile'],
    ['/shop/checkout?item=mug#pay', '/shop/checkout?item=mug#pay'],
    ['/a/../profile', '/profile'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/profile'],
    ['a protocol-relative URL', '//evil.example/profile'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a slash', 'profile'],
    ['a tab inside the scheme separator', '/\t/evil.example'],
    ['a newline', '/profile\nLocation: https://evil.example'],
    ['an array from repeated parameters', ['/a', '/b']],
    ['nothing', undefined],
    ['a very long path', `/${'a'.repeat(3000)}`],
    ['a dot segment before a double slash', '/.//evil.example/x'],
    ['a parent segment before a double slash', '/..//evil.example/x'],
    ['an encoded dot before a double slash', '/%2e//evil.example/x'],
    ['an encoded parent segment', '/%2E%2E//evil.example'],
    ['a deeper climb to a double slash', '/x/../..//evil.example/x'],
    ['a climb through several segments', '/a/b/../../..//evil.example'],
  ])('turns %s into /', (_name, input) => {
    expect(safeReturnTo(input)).toBe('/');
  });
});
