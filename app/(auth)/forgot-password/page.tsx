import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="text-sm text-muted-foreground">Give the email address of your account and we will mail you a link to choose a new one.</p>
      <ForgotPasswordForm />
      <Link className="text-sm underline" href="/sign-in">
        Back to sign in
      </Link>
    </>
  );
}
