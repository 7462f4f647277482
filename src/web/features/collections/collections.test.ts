// Moscow date and time to instants and back, codes picked out of an uploaded file, and the
// participants selector turned into the request the server takes.
import { describe, expect, it } from 'vitest';
import {
  checkMoscowDateTime,
  defaultInterval,
  laterEnd,
  moscowInstant,
  toMoscowDateTime,
} from './moscow-time.js';
import { extractOrganizationCodes } from './organization-codes.js';
import { checkParticipants, EMPTY_PARTICIPANTS, participantsBody } from './participants.js';

describe('Moscow time', () => {
  it('writes a Moscow date and time as an instant with +03:00, and reads it back', () => {
    const iso = moscowInstant({ date: '2026-03-10', time: '09:00' });
    expect(iso).toBe('2026-03-10T09:00:00+03:00');
    expect(new Date(iso ?? '').toISOString()).toBe('2026-03-10T06:00:00.000Z');
    expect(toMoscowDateTime('2026-03-10T21:30:00Z')).toEqual({ date: '2026-03-11', time: '00:30' });
  });

  it('refuses what is not a date or a time', () => {
    expect(checkMoscowDateTime({ date: '', time: '09:00' })).toBe('Укажите дату.');
    expect(checkMoscowDateTime({ date: '2026-02-30', time: '09:00' })).toBe('Такой даты не существует.');
    expect(checkMoscowDateTime({ date: '2026-02-28', time: '24:00' })).toBe('Укажите время в формате ЧЧ:ММ.');
    expect(moscowInstant({ date: '2026-02-28', time: '9:00' })).toBeNull();
  });

  it('proposes an interval that is open now, and a later end a week on', () => {
    const now = new Date('2026-03-10T10:17:00+03:00');
    expect(defaultInterval(now)).toEqual({
      start: { date: '2026-03-10', time: '10:00' },
      end: { date: '2026-03-24', time: '18:00' },
    });
    expect(laterEnd('2026-03-01T18:00:00+03:00', now)).toEqual({ date: '2026-03-17', time: '18:00' });
    expect(laterEnd('2026-04-01T18:00:00+03:00', now)).toEqual({ date: '2026-04-08', time: '18:00' });
  });
});

describe('organization codes in a file', () => {
  it('finds each 6-digit code once, whatever surrounds it', () => {
    const text =
      'код;название\n770001;Школа №1\r\n770002 ; "Школа №2"\n770001\nтел. 74951234567, 12345, 2026';
    expect(extractOrganizationCodes(text)).toEqual(['770001', '770002']);
    expect(extractOrganizationCodes('')).toEqual([]);
  });
});

describe('participants', () => {
  it('leaves out the filters that mean "all"', () => {
    expect(participantsBody(EMPTY_PARTICIPANTS)).toEqual({});
    expect(
      participantsBody({ ...EMPTY_PARTICIPANTS, allRegions: false, regionCodes: ['77'], kinds: ['school'] }),
    ).toEqual({ regionCodes: ['77'], kinds: ['school'] });
    expect(participantsBody({ ...EMPTY_PARTICIPANTS, mode: 'codes', codes: ['770001'] })).toEqual({
      codes: ['770001'],
    });
  });

  it('asks for a region, a kind, or a file with codes', () => {
    expect(checkParticipants({ ...EMPTY_PARTICIPANTS, allRegions: false, kinds: [] })).toEqual({
      regionCodes: 'Выберите хотя бы один регион.',
      kinds: 'Выберите хотя бы один вид организаций.',
    });
    expect(checkParticipants({ ...EMPTY_PARTICIPANTS, mode: 'codes' }).codes).toBe(
      'Выберите файл со списком кодов.',
    );
    expect(checkParticipants({ ...EMPTY_PARTICIPANTS, mode: 'codes', codes: [] }).codes).toMatch(
      /не найдено/,
    );
  });
});
