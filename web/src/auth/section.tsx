// Sign-in pages: log in, register, email links (verify, reset, unlock).
// They live at the top level and are not in the navigation.
import type { Section } from "../app/sections";
import { LoginPage } from "./LoginPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./PasswordResetPages";
import { RegisterPage } from "./RegisterPage";
import { UnlockPage, VerifyEmailPage } from "./TokenPages";

/** authSection holds the sign-in pages. */
export const authSection: Section = {
  id: "auth",
  labelKey: "nav.login",
  path: "/",
  icon: null,
  nav: false,
  routes: [
    { path: "login", element: <LoginPage /> },
    { path: "register", element: <RegisterPage /> },
    { path: "verify-email", element: <VerifyEmailPage /> },
    { path: "forgot-password", element: <ForgotPasswordPage /> },
    { path: "reset-password", element: <ResetPasswordPage /> },
    { path: "unlock", element: <UnlockPage /> },
  ],
};
