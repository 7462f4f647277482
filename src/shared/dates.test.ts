import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatInstantWithLocal,
  formatInterval,
  formatIntervalWithLocal,
  formatLocalInterval,
  utcOffsetLabel,
  utcOffsetMinutes,
} from './dates.js';

// 10.03.2026 09:00 and 24.03.2026 18:00 in Moscow (UTC+3).
const START = '2026-03-10T06:00:00Z';
const END = '2026-03-24T15:00:00Z';

describe('formatDate', () => {
  it('prints ДД.ММ.ГГГГ in Moscow by default', () => {
    expect(formatDate(START)).toBe('10.03.2026');
  });

  it('follows the zone across midnight', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Moscow and in Vladivostok, but not in UTC.
    const instant = new Date('2025-12-31T22:30:00Z');
    expect(formatDate(instant, 'UTC')).toBe('31.12.2025');
    expect(formatDate(instant)).toBe('01.01.2026');
    expect(formatDate(instant, 'Asia/Vladivostok')).toBe('01.01.2026');
  });

  it('accepts epoch milliseconds and answers a dash for an invalid instant', () => {
    expect(formatDate(Date.parse(START))).toBe('10.03.2026');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('prints ДД.ММ.ГГГГ ЧЧ:ММ in Moscow by default', () => {
    expect(formatDateTime(START)).toBe('10.03.2026 09:00');
    expect(formatDateTime(new Date(END))).toBe('24.03.2026 18:00');
  });

  it('uses 00 for midnight, never 24', () => {
    expect(formatDateTime('2026-03-09T21:00:00Z')).toBe('10.03.2026 00:00');
  });

  it('shows Vladivostok time seven hours ahead of Moscow', () => {
    expect(formatDateTime(START, 'Asia/Vladivostok')).toBe('10.03.2026 16:00');
    expect(formatDateTime(END, 'Asia/Vladivostok')).toBe('25.03.2026 01:00');
  });

  it('shows Kaliningrad time one hour behind Moscow', () => {
    expect(formatDateTime(START, 'Europe/Kaliningrad')).toBe('10.03.2026 08:00');
  });
});

describe('UTC offsets', () => {
  it('knows the offsets of Russian zones', () => {
    expect(utcOffsetMinutes(START, 'Europe/Moscow')).toBe(180);
    expect(utcOffsetMinutes(START, 'Asia/Vladivostok')).toBe(600);
    expect(utcOffsetLabel(START, 'Asia/Vladivostok')).toBe('UTC+10');
    expect(utcOffsetLabel(START, 'Europe/Kaliningrad')).toBe('UTC+2');
  });

  it('labels half-hour and negative offsets', () => {
    expect(utcOffsetLabel(START, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(utcOffsetLabel(START, 'America/Sao_Paulo')).toBe('UTC−3');
  });
});

describe('intervals', () => {
  it('formats the collection interval in Moscow time', () => {
    expect(formatInterval(START, END)).toBe('с 10.03.2026 09:00 по 24.03.2026 18:00 (МСК)');
  });

  it('formats the same interval in local time', () => {
    expect(formatLocalInterval(START, END, 'Asia/Vladivostok')).toBe(
      'с 10.03.2026 16:00 по 25.03.2026 01:00 (местное время, UTC+10)',
    );
  });

  it('adds local time only when it reads differently from Moscow time', () => {
    expect(formatIntervalWithLocal(START, END, 'Asia/Vladivostok')).toEqual({
      moscow: 'с 10.03.2026 09:00 по 24.03.2026 18:00 (МСК)',
      local: 'с 10.03.2026 16:00 по 25.03.2026 01:00 (местное время, UTC+10)',
    });
    expect(formatIntervalWithLocal(START, END, 'Europe/Moscow').local).toBeNull();
    // Crimea keeps Moscow time under another zone name.
    expect(formatIntervalWithLocal(START, END, 'Europe/Simferopol').local).toBeNull();
    expect(formatIntervalWithLocal(START, END, null).local).toBeNull();
  });
});

describe('formatInstantWithLocal', () => {
  it('gives a deadline in Moscow time, and in the region’s own when it reads differently', () => {
    expect(formatInstantWithLocal(END, 'Asia/Yekaterinburg')).toEqual({
      moscow: '24.03.2026 18:00 (МСК)',
      local: '24.03.2026 20:00 (местное время, UTC+5)',
    });
    expect(formatInstantWithLocal(END, 'Europe/Moscow')).toEqual({
      moscow: '24.03.2026 18:00 (МСК)',
      local: null,
    });
    expect(formatInstantWithLocal(END, null).local).toBeNull();
  });
});
