// The OpenID provider of the single sign-on tests: the certified oidc-provider package on
// 127.0.0.1, with one client, PKCE required, and three accounts.
//
//   node server.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// Its own login and consent pages (oidc-provider's development interactions) take any password
// for a known login name; the tests fill them in over HTTP as a browser would.

import { generateKeyPairSync, randomBytes } from "node:crypto";

import Provider from "oidc-provider";

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
if (!redirectUri) {
  console.error("usage: node server.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI");
  process.exit(2);
}

const ACCOUNTS = {
  "ada": { email: "ada.admin@city.example", name: "Ada Admin", roles: ["staff", "partnership-admins"] },
  // One value as a bare string, as some directories send a claim with a single value.
  "ed": { email: "ed.editor@city.example", name: "Ed Editor", roles: "partnership-editors" },
  "nora": { email: "nora.nobody@city.example", name: "Nora Nobody", roles: ["canteen"] },
};

// A fresh signing key per run: the app must read it from the provider's JWKS, not know it.
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    roles: ["roles"],
  },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, ...account };
      },
    };
  },
});

// SIGTERM (sent by the tests to this PID) ends the process: it keeps nothing worth saving.
provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${provider.issuer}`);
});
