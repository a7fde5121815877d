// Unit conversions for the user's unit system: the API always stores metric
// values (cm, kg, metres, seconds per km); imperial users type and read feet
// and inches, pounds, miles and pace per mile.

/** Units is the user's unit system from settings. */
export type Units = "metric" | "imperial";

export const CM_PER_INCH = 2.54;
export const KG_PER_LB = 0.45359237;
export const METRES_PER_MILE = 1609.344;

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** cmToFtIn splits a height in cm into whole feet and inches. */
export function cmToFtIn(cm: number): { ft: number; inches: number } {
  let total = Math.round(cm / CM_PER_INCH);
  const ft = Math.floor(total / 12);
  total -= ft * 12;
  return { ft, inches: total };
}

/** ftInToCm converts feet and inches to whole centimetres. */
export function ftInToCm(ft: number, inches: number): number {
  return Math.round((ft * 12 + inches) * CM_PER_INCH);
}

/** kgToLb converts kilograms to pounds (one decimal). */
export function kgToLb(kg: number): number {
  return round(kg / KG_PER_LB, 1);
}

/** lbToKg converts pounds to kilograms (one decimal). */
export function lbToKg(lb: number): number {
  return round(lb * KG_PER_LB, 1);
}

/** formatClock formats seconds as m:ss, or h:mm:ss from an hour on. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return `${h ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

/** parseClock reads "m:ss" or "h:mm:ss" into seconds; "" is null, anything else NaN. */
export function parseClock(input: string): number | null {
  const s = input.trim();
  if (!s) return null;
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return NaN;
  const [, h, mm, ss] = m;
  const min = Number(mm);
  const sec = Number(ss);
  if (sec >= 60 || (h !== undefined && min >= 60)) return NaN;
  return Number(h ?? 0) * 3600 + min * 60 + sec;
}

/** paceToDisplay converts seconds per km to seconds per km or per mile. */
export function paceToDisplay(secPerKm: number, units: Units): number {
  return units === "metric" ? secPerKm : Math.round((secPerKm * METRES_PER_MILE) / 1000);
}

/** paceFromDisplay converts a displayed pace back to seconds per km. */
export function paceFromDisplay(secPerUnit: number, units: Units): number {
  return units === "metric" ? secPerUnit : Math.round((secPerUnit * 1000) / METRES_PER_MILE);
}

/** metresToDisplay converts metres to km or miles (two decimals). */
export function metresToDisplay(metres: number, units: Units): number {
  return round(metres / (units === "metric" ? 1000 : METRES_PER_MILE), 2);
}

/** metresFromDisplay converts km or miles to whole metres. */
export function metresFromDisplay(value: number, units: Units): number {
  return Math.round(value * (units === "metric" ? 1000 : METRES_PER_MILE));
}

/** formatHours formats seconds as h:mm. */
export function formatHours(seconds: number): string {
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** parseHours reads "h:mm" or a decimal number of hours into seconds; "" is null, garbage NaN. */
export function parseHours(input: string): number | null {
  const s = input.trim().replace(",", ".");
  if (!s) return null;
  const clock = /^(\d+):(\d{2})$/.exec(s);
  if (clock) {
    const min = Number(clock[2]);
    return min >= 60 ? NaN : Number(clock[1]) * 3600 + min * 60;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 3600);
  return NaN;
}
