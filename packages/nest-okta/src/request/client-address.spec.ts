import { clientKey } from './client-address';

describe('clientKey', () => {
  it('keeps IPv4 addresses as they are, and unwraps IPv4-mapped IPv6', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    const keys = [
      '2001:db8:1:2::1',
      '2001:db8:1:2::ffff',
      '2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd',
    ];
    expect(new Set(keys.map(clientKey))).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('keeps different /64s apart', () => {
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('names a missing address', () => {
    expect(clientKey(undefined)).toBe('unknown');
  });
});
