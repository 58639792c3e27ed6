export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="narrow">
      <p className="muted auth-brand">Evidence dashboard</p>
      {children}
    </main>
  );
}
