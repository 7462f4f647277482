// «Файл со списком кодов организаций»: a .txt or .csv read in the browser; the 6-digit codes in it
// are picked out and counted, and only those are sent.
import { useId } from 'react';
import { plural, pluralWord } from '../../../shared/plural.js';
import { extractOrganizationCodes } from './organization-codes.js';

type Props = {
  codes: string[] | null;
  fileName: string | null;
  onChange: (codes: string[] | null, fileName: string | null) => void;
  error?: string;
};

export function OrganizationCodesFile({ codes, fileName, onChange, error }: Props) {
  const id = useId();
  const described = [`${id}-hint`, `${id}-found`, error ? `${id}-error` : ''].filter(Boolean);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Файл со списком кодов организаций</label>
      <div id={`${id}-hint`} className="field-hint">
        Текст (.txt) или CSV (.csv): из него берутся все шестизначные коды организаций, например 770001.
      </div>
      <input
        id={id}
        type="file"
        accept=".txt,.csv,text/plain,text/csv"
        aria-describedby={described.join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return onChange(null, null);
          onChange(extractOrganizationCodes(await file.text()), file.name);
        }}
      />
      {/* Always present, so that a screen reader announces the count when it appears. */}
      <p id={`${id}-found`} className="field-hint" role="status" data-testid="codes-found">
        {codes && fileName
          ? `В файле «${fileName}» ${pluralWord(codes.length, ['найден', 'найдено', 'найдено'])} ${plural(codes.length, ['код организации', 'кода организаций', 'кодов организаций'])}.`
          : null}
      </p>
      {error ? (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
