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

  it('gives one address one key, however it is written', () => {
    expect(clientKey('1::2:3:4:5:1.2.3.4')).toBe(clientKey('1:0:2:3:4:5:102:304'));
    expect(clientKey('2001:DB8:1:2::1')).toBe(clientKey('2001:db8:1:2::1'));
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('names a missing or unreadable address', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not an address')).toBe('unknown');
  });
});
