import { classifyAddress, parseWebhookUrl, resolveWebhookTarget } from './webhook-address';

describe('webhook addresses (docs/security.md, "Outbound calls")', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.1.1', '169.254.1.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fd12:3456::1', 'fc00::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '::7f00:1',
  ])('%s is internal', (address) => {
    expect(classifyAddress(address).internal).toBeDefined();
  });

  it.each(['169.254.169.254', 'fd00:ec2::254', 'fd00:0ec2:0:0:0:0:0:254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe'])('%s is a metadata address', (address) => {
    expect(classifyAddress(address)).toMatchObject({ metadata: true, internal: 'cloud metadata address' });
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(classifyAddress(address)).toMatchObject({ metadata: false, internal: undefined });
  });

  it('parses http(s) URLs, refuses other schemes and credentials', () => {
    expect(parseWebhookUrl('http://[::1]:8080/x')).toMatchObject({ host: '::1', port: 8080 });
    expect(parseWebhookUrl('https://Hooks.Example.CN./x')).toMatchObject({ host: 'hooks.example.cn', port: 443 });
    // WHATWG URL parsing turns odd IPv4 spellings into the dotted form, which is what is checked.
    expect(parseWebhookUrl('http://0x7f.1/').host).toBe('127.0.0.1');
    expect(parseWebhookUrl('http://2130706433/').host).toBe('127.0.0.1');
    expect(() => parseWebhookUrl('ftp://example.cn/')).toThrow('http or https');
    expect(() => parseWebhookUrl('http://u:p@example.cn/')).toThrow('credentials');
    expect(() => parseWebhookUrl('not a url')).toThrow('absolute');
  });

  it('refuses a name resolving to loopback unless allow-listed, and metadata even then', async () => {
    await expect(resolveWebhookTarget('http://localhost:9/x', async () => false)).rejects.toThrow('internal address');
    await expect(resolveWebhookTarget('http://localhost:9/x', async (h) => h === 'localhost')).resolves.toMatchObject({ host: 'localhost', port: 9 });
    await expect(resolveWebhookTarget('http://[::ffff:a9fe:a9fe]/', async () => true)).rejects.toThrow('metadata');
    await expect(resolveWebhookTarget('http://0177.0.0.1/', async () => false)).rejects.toThrow('127.0.0.1');
  });
});
