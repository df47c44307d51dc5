/** The Linli mark: two roofs side by side — neighbours. Inline so no asset request is needed. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="64" height="64" rx="14" fill="#1d5bd8" />
      <path d="M10 34 24 22l14 12v16H10z" fill="#fff" opacity=".92" />
      <path d="M28 30l13-11 13 11v20H31" fill="none" stroke="#fff" strokeWidth="4" strokeLinejoin="round" />
      <rect x="20" y="38" width="8" height="12" fill="#1d5bd8" />
    </svg>
  );
}
