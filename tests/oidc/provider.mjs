// A real OpenID Connect provider for the single sign-on tests (issue #21 §5): panva's oidc-provider (OpenID
// certified), run on a local port by tests/sso_provider.py. Never deployed, never a mock: the portal talks the whole
// protocol to it (discovery, authorization with state/nonce/PKCE, code exchange with the client secret, a signed ID
// token checked against the JWKS, userinfo).
//
// Environment: PORT (required), REDIRECT_URIS (comma-separated callback URLs of the portal under test).
// The login page is scripted, not the library's devInteractions: a form with the account's name (no password — the
// tests are about what the provider asserts, not about its password check); the account decides amr/acr, as a board's
// IdP would after a password (amr ["pwd"]) or a password plus an authenticator app (["pwd", "mfa"]).
import crypto from 'node:crypto';
import http from 'node:http';
import querystring from 'node:querystring';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
if (!port) {
  console.error('PORT ontbreekt');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (process.env.REDIRECT_URIS || 'http://testserver/sso/terug/').split(',');

// The accounts at the provider. Staff of school A's board; one not known to the portal; a parent at a DigiD broker
// (whose broker also hands out a BSN, which the portal must drop on arrival).
export const ACCOUNTS = {
  'medewerker-mfa': { email: 'mfa@school-a.example', email_verified: true, amr: ['pwd', 'mfa'] },
  'medewerker-wachtwoord': { email: 'wachtwoord@school-a.example', email_verified: true, amr: ['pwd'] },
  'medewerker-acr': { email: 'acr@school-a.example', email_verified: true, amr: ['pwd'], acr: 'urn:test:loa:hoog' },
  // Microsoft Entra ID sends no email_verified; with the optional claim xms_edov it vouches for the address
  'medewerker-entra': { email: 'mfa@school-a.example', xms_edov: true, amr: ['pwd', 'mfa'] },
  'medewerker-onbevestigd': { email: 'mfa@school-a.example', email_verified: false, amr: ['pwd', 'mfa'] },
  'onbekend': { email: 'onbekend@elders.example', email_verified: true, amr: ['pwd', 'mfa'] },
  'ouder-digid': { bsn: '999993653', amr: ['pwd'], acr: 'urn:etoegang:core:assurance-class:loa2' },
};

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-1', alg: 'RS256', use: 'sig' };

const configuration = {
  clients: [
    { client_id: 'portaal-medewerkers', client_secret: 'geheim-medewerkers-0123456789', redirect_uris: redirectUris,
      grant_types: ['authorization_code'], response_types: ['code'] },
    { client_id: 'portaal-ouders', client_secret: 'geheim-ouders-0123456789', redirect_uris: redirectUris,
      grant_types: ['authorization_code'], response_types: ['code'] },
  ],
  jwks: { keys: [jwk] },
  // The BSN in every answer about the person (some brokers do), requested or not; acr/amr in the ID token, as Entra ID.
  claims: { openid: ['sub', 'bsn', 'acr', 'amr', 'auth_time', 'xms_edov'], email: ['email', 'email_verified'] },
  acrValues: ['urn:test:loa:hoog', 'urn:etoegang:core:assurance-class:loa2'],
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },  // the portal must send S256 PKCE; the login fails without
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['testcookies-0123456789'] },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const { amr, acr, ...claims } = account;
        return { sub: id, ...claims };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);
provider.proxy = false;

const page = (uid, fout = '') => `<!doctype html><html lang="nl"><head><title>Testaanbieder</title></head><body>
<h1>Testaanbieder: inloggen</h1>${fout ? `<p role="alert">${fout}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Account</label> <input id="login" name="login" autofocus>
<button type="submit">Inloggen</button></form></body></html>`;

async function grantAll(details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  grant.addOIDCScope(String(params.scope));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  return grant.save();
}

async function interaction(req, res) {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {  // a board's IdP for its own portal asks no consent: granted at once
    const grantId = await grantAll(details);
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (req.method === 'POST' && match[2]) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const id = querystring.parse(body).login;
    const account = ACCOUNTS[id];
    if (!account) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(match[1], 'Onbekend account'));
    }
    const login = { accountId: id, amr: account.amr, ...(account.acr ? { acr: account.acr } : {}) };
    return provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  return res.end(page(match[1]));
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((err) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
    return;
  }
  callback(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`oidc-provider klaar op ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
