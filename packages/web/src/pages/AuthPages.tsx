import { api } from "../api/client";
import { useAuth } from "../app/auth";
import { CredentialsForm } from "../components/CredentialsForm";
import { browserTimeZone } from "../lib/dates";
import { Link, navigate, useLocation } from "../router/router";

function afterSignIn(path: string) {
  if (path === "/signin" || path === "/signup" || path === "/setup") navigate("/", { replace: true });
}

export function SetupPage() {
  const auth = useAuth();
  const { path } = useLocation();
  const tz = browserTimeZone();
  return (
    <div className="narrow">
      <h1>Welcome to Meridian</h1>
      <p>
        This is a fresh Meridian. Create the owner account: you will be able to invite others and decide
        whether anyone may sign up.
      </p>
      <div className="card">
        <CredentialsForm
          newAccount
          submitLabel="Create owner account"
          busyLabel="Creating…"
          onSubmit={async ({ username, password }) => {
            const user = await api.setup({ username, password, timeZone: tz });
            auth.signedIn(user);
            afterSignIn(path);
          }}
        />
        <p className="muted small-note">Time zone: {tz} (from this browser; change it later in Settings).</p>
      </div>
    </div>
  );
}

export function SignInPage() {
  const auth = useAuth();
  const { path } = useLocation();
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <div className="card">
        <CredentialsForm
          newAccount={false}
          submitLabel="Sign in"
          busyLabel="Signing in…"
          onSubmit={async ({ username, password }) => {
            const user = await api.login(username, password);
            auth.signedIn(user);
            afterSignIn(path);
          }}
        />
      </div>
      {auth.signupsOpen && (
        <p className="after-card">
          New here? <Link to="/signup">Create an account</Link>
        </p>
      )}
    </div>
  );
}

export function SignUpPage() {
  const auth = useAuth();
  const { path } = useLocation();
  if (!auth.signupsOpen) {
    return (
      <div className="narrow">
        <h1>Sign-ups are closed</h1>
        <p>Ask the owner of this Meridian to create an account for you.</p>
        <Link to="/signin">Sign in</Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Create an account</h1>
      <div className="card">
        <CredentialsForm
          newAccount
          submitLabel="Create account"
          busyLabel="Creating…"
          onSubmit={async ({ username, password }) => {
            const user = await api.signup({ username, password, timeZone: browserTimeZone() });
            auth.signedIn(user);
            afterSignIn(path);
          }}
        />
      </div>
      <p className="after-card">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}
