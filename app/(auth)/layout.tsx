export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="narrow">
      <p className="muted" style={{ textAlign: "center", fontWeight: 700, color: "#0f172a" }}>
        Evidence dashboard
      </p>
      {children}
    </main>
  );
}
