import { useAuth } from "../app/auth";
import { useLocation } from "../router/router";
import { RecoverPage, SetupPage, SignInPage, SignUpPage } from "./AuthPages";

/** What a visitor without a session sees: first-run setup, sign up (when open), password
 * recovery with the recovery key, or sign in. */
export function AuthPages() {
  const auth = useAuth();
  const { path } = useLocation();
  if (auth.needsOwner) return <SetupPage />;
  if (path === "/signup") return <SignUpPage />;
  if (path === "/recover") return <RecoverPage />;
  return <SignInPage />;
}
