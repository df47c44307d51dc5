/** Masked display of personal numbers (SECURITY.md): 138****8000, 510903********123X. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone.replace(/\d(?=\d{2})/g, '*');
}

export function maskCitizenId(id: string | null): string | null {
  if (!id) return id;
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(-4)}` : `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 5))}${id.slice(-2)}`;
}
