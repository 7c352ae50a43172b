// A real OpenID Connect provider (the oidc-provider package) for the single sign-on tests, run as its own Node
// process (the package is an ES module; Jest runs CommonJS). Its development interactions are the login and
// consent forms a test submits over HTTP. Reads OIDC_TEST_CONFIG (JSON: port, clientId, clientSecret,
// redirectUri, accounts {sub: {email, email_verified}}) and prints "READY <issuer>" once it listens.
import Provider from 'oidc-provider';

const { port, clientId, clientSecret, redirectUri, accounts } = JSON.parse(process.env.OIDC_TEST_CONFIG);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  async findAccount(_ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(port, '127.0.0.1', () => process.stdout.write(`READY ${issuer}\n`));
