import { todayInVietnam } from "../core/calendar/dates.ts";

/** The build's date in Vietnam (DAN_Y_TODAY when given, for reproducible builds): the "current" period is the one containing it. */
export const buildToday = (): string => process.env.DAN_Y_TODAY ?? todayInVietnam();
