/** The demo provider's own sign-in page: the demo users, and a form with `login` and `password` (Enter submits). */
import { demoUsers } from './demoUsers.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function signInPage(action: string, options: { login?: string; failed?: boolean } = {}): string {
  const rows = demoUsers
    .map((user) => `<tr><td><code>${escape(user.login)}</code></td><td>${escape(user.name)}</td><td>${escape(user.note)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fournisseur d’identité de démonstration</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1d2733}table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ccd;padding:.3rem .6rem;text-align:left}label{display:block;margin:.6rem 0}input{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.4rem 1rem;margin-top:.6rem}.error{color:#a01818}</style>
</head>
<body>
<h1>Fournisseur d’identité de démonstration</h1>
<p>Demo identity provider: synthetic users, password <code>demo</code> for all. / Utilisateurs fictifs, mot de passe <code>demo</code>.</p>
<table><thead><tr><th>login</th><th>name</th><th>roles</th></tr></thead><tbody>${rows}</tbody></table>
${options.failed ? '<p class="error" role="alert">Unknown login or wrong password. / Identifiant ou mot de passe incorrect.</p>' : ''}
<form method="post" action="${escape(action)}">
<label>Login / Identifiant <input name="login" autocomplete="username" required autofocus value="${escape(options.login ?? '')}"></label>
<label>Password / Mot de passe <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in / Se connecter</button>
</form>
</body>
</html>`;
}

/** The sign-out step: submitted at once, so that the user returns to Passerelle's signed-out page. */
export function logoutPage(form: string): string {
  const withConfirmation = form.replace('</form>', '<input type="hidden" name="logout" value="yes"><noscript><button type="submit">Sign out / Se déconnecter</button></noscript></form>');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Déconnexion</title></head><body>${withConfirmation}<script>document.forms[0].submit()</script></body></html>`;
}
