// The files a coordinator hands out: a workbook (login, organization, one-time password) to keep
// track of whom what was given, and a PDF with one organization per page to print and hand over,
// both in one zip. They are built in memory for the one answer that carries them and kept nowhere.
import { createRequire } from 'node:module';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '../../../shared/dates.js';
import { PASSWORD_HINT } from '../../../shared/passwords.js';
import type { IssuableAccount } from './queries.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// Passwords in a monospaced face: every character is told apart and counted at a glance.
const FONT_MONO = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf');

export type IssuedAccount = IssuableAccount & { password: string };

export type AccessPackage = {
  accounts: IssuedAccount[];
  /** Where the schools sign in: PUBLIC_URL, or the origin the coordinator's request came to. */
  portalUrl: string;
  issuedAt: Date;
  /** Who issued them, as the sheet names it: «Региональный координатор, г. Москва». */
  issuedBy: string;
};

/** Yields to the event loop every this many rows or pages, so sign-ins are answered meanwhile. */
const YIELD_EVERY = 50;

export async function accessWorkbook(p: AccessPackage): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ФИС ОКО';
  const sheet = workbook.addWorksheet('Пароли', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Логин', key: 'login', width: 16 },
    { header: 'Код организации', key: 'code', width: 16 },
    { header: 'Организация', key: 'organization', width: 60 },
    { header: 'Муниципалитет', key: 'municipality', width: 32 },
    { header: 'Одноразовый пароль', key: 'password', width: 22 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const [i, a] of p.accounts.entries()) {
    sheet.addRow({
      login: a.login,
      code: a.organizationCode,
      organization: a.organizationName,
      municipality: a.municipalityName,
      password: a.password,
    });
    if (i % (YIELD_EVERY * 10) === 0) await setImmediate();
  }
  sheet.autoFilter = { from: 'A1', to: 'E1' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The accounts grouped by organization, in the order given (by code). */
function byOrganization(accounts: IssuedAccount[]): IssuedAccount[][] {
  const groups = new Map<number, IssuedAccount[]>();
  for (const a of accounts) {
    const group = groups.get(a.organizationId);
    if (group) group.push(a);
    else groups.set(a.organizationId, [a]);
  }
  return [...groups.values()];
}

export async function accessPdf(p: AccessPackage): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 56,
    info: { Title: 'Доступ к ЛК ФИС ОКО', Author: 'ФИС ОКО' },
  });
  doc.registerFont('regular', FONT).registerFont('bold', FONT_BOLD).registerFont('mono', FONT_MONO);
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const issued = `${formatDateTime(p.issuedAt)} (МСК)`;
  for (const [i, group] of byOrganization(p.accounts).entries()) {
    accessPage(doc, group, p.portalUrl, issued, p.issuedBy);
    if (i % YIELD_EVERY === 0) await setImmediate();
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** One organization's page: who it is for, where to sign in, its logins and passwords, what next. */
function accessPage(
  doc: PDFKit.PDFDocument,
  accounts: IssuedAccount[],
  portalUrl: string,
  issued: string,
  issuedBy: string,
) {
  const org = accounts[0] as IssuedAccount;
  doc.addPage();
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('bold').fontSize(15).text('Доступ к личному кабинету ФИС ОКО (НИКО)', { width });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(12).text(org.organizationName, { width });
  doc.font('regular').fontSize(10);
  doc.text(`Код организации: ${org.organizationCode}`, { width });
  doc.text(`${org.municipalityName}, ${org.regionName}`, { width });
  doc.moveDown(1);
  doc.font('regular').fontSize(11).text('Адрес портала:', { width });
  doc.font('bold').fontSize(13).text(portalUrl, { width });
  doc.moveDown(1);
  for (const a of accounts) {
    doc.font('regular').fontSize(11).text('Логин:', { continued: true });
    doc.font('mono').fontSize(14).text(`  ${a.login}`);
    doc.font('regular').fontSize(11).text('Одноразовый пароль:', { continued: true });
    doc.font('mono').fontSize(14).text(`  ${a.password}`);
    doc.moveDown(0.6);
  }
  doc.moveDown(0.6);
  doc.font('regular').fontSize(10);
  const steps = [
    'Откройте адрес портала и войдите с этим логином и одноразовым паролем.',
    `Портал сразу попросит задать новый пароль. ${PASSWORD_HINT}`,
    'Одноразовый пароль действует только до этой смены: дальше входите с новым.',
  ];
  for (const [i, step] of steps.entries()) doc.text(`${i + 1}. ${step}`, { width });
  doc.moveDown(1);
  doc
    .font('bold')
    .fontSize(10)
    .text(
      'Лист содержит пароль. Передайте его лично ответственному организатору, соблюдая условия ' +
        'конфиденциальности; не пересылайте по открытым каналам и не храните на виду.',
      { width },
    );
  doc.moveDown(1);
  doc.font('regular').fontSize(9).fillColor('#444').text(`Выдан: ${issued}. ${issuedBy}.`, { width });
  doc.fillColor('black');
}

/** Both files in one zip: the one answer that carries the passwords. */
export async function accessZip(p: AccessPackage, baseName: string): Promise<Uint8Array> {
  const workbook = await accessWorkbook(p);
  const pdf = await accessPdf(p);
  // Both are compressed already: stored as they are.
  return zipSync(
    { [`${baseName}.xlsx`]: [workbook, { level: 0 }], [`${baseName}.pdf`]: [pdf, { level: 0 }] },
    { mtime: p.issuedAt },
  );
}
