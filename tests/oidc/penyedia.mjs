// Test-only OpenID Connect provider for the sign-in browser test (tests/browser/test_masuk_browser.py).
// Built on panva's oidc-provider (a certified OpenID Provider library); its development login pages
// accept any login name. The account's claims: sub = the login name, email, name, and the role claim
// `peran` taken from the login name's prefix ("pimpinan-…" → pimpinan), so the test chooses the role.
//
//   node penyedia.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const PERAN = ["publik", "pimpinan", "petugas", "admin"];

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri], // Streamlit's st.logout comes back through /oauth2callback
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  // the role travels in the profile scope, the way office providers add a mapped claim
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "peran"] },
  conformIdTokenClaims: false, // scope claims inside the ID token (what the dashboard reads)
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  cookies: { keys: ["kunci-cookie-uji-saja"] },
  async findAccount(_ctx, id) {
    const awal = String(id).split("-")[0];
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@pemkab.example`,
          email_verified: true,
          name: `Uji ${id}`,
          peran: PERAN.includes(awal) ? awal : undefined,
        };
      },
    };
  },
};

const oidc = new Provider(`http://127.0.0.1:${port}`, configuration);
oidc.listen(Number(port), "127.0.0.1", () => console.log(`penyedia OIDC siap di http://127.0.0.1:${port}`));
