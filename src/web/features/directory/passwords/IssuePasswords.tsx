// «Выдать пароли» (issue 11 §3), above «Организации» for whoever the session says may issue them:
// one-time passwords for the chosen organizations' accounts, or for every account in the listed
// territory that has never signed in. The server counts first, the dialog says how many passwords
// will be replaced, and confirming downloads the only copy of them: a zip of an xlsx and a PDF.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { OneTimePasswordCount } from '../../../../shared/api/passwords.js';
import { plural, pluralWord } from '../../../../shared/plural.js';
import { api } from '../../../app/api.js';
import { Button } from '../../../ui/Button.js';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.js';
import { InfoMessage, ProblemMessage } from '../../../ui/ProblemMessage.js';
import { DIRECTORY_KEY } from '../queries.js';
import { saveFile } from './save-file.js';
import './passwords.css';

export type PasswordSelection =
  | { mode: 'organizations'; organizationIds: number[] }
  | { mode: 'neverSignedIn'; regionCode?: string; municipalityId?: number };

type Props = {
  /** Organizations chosen with their boxes, on any page of the list. */
  chosen: ReadonlySet<number>;
  onClearChoice: () => void;
  /** The list's territory filters: «всем, кто ни разу не входил» keeps within them. */
  territory: { regionCode?: string; municipalityId?: number };
};

const PASSWORDS = ['пароль', 'пароля', 'паролей'] as const;
const ORGANIZATIONS = ['организация', 'организации', 'организаций'] as const;

/** «1 пароль будет заменён», «3 пароля будут заменены», «25 паролей будут заменены». */
export function replacedLabel(n: number) {
  return `${plural(n, PASSWORDS)} ${pluralWord(n, ['будет заменён', 'будут заменены', 'будут заменены'])}`;
}

/** Whose passwords: the chosen organizations', or the never-signed-in accounts of which territory. */
function whose(selection: PasswordSelection) {
  if (selection.mode === 'organizations') return 'Учётные записи выбранных организаций.';
  const where = selection.municipalityId
    ? 'выбранного в фильтре муниципалитета'
    : selection.regionCode
      ? 'выбранного в фильтре региона'
      : 'всей вашей территории';
  return `Все учётные записи организаций ${where}, которые ни разу не входили в систему (поиск, вид и состояние в фильтре не учитываются).`;
}

export function IssuePasswords({ chosen, onClearChoice, territory }: Props) {
  const queryClient = useQueryClient();
  const [counting, setCounting] = useState<PasswordSelection['mode'] | null>(null);
  const [pending, setPending] = useState<{
    selection: PasswordSelection;
    count: OneTimePasswordCount;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ accounts: number; fileName: string } | null>(null);
  // The buttons are busy (disabled) while counting, which takes the focus off them: it is put back
  // by hand when the dialog closes, or on the result once the passwords are issued.
  const chosenButton = useRef<HTMLButtonElement>(null);
  const neverButton = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLDivElement>(null);
  // Called after the state change that closes the dialog: the timeout runs once it has gone.
  const refocus = (target: { current: HTMLElement | null }) =>
    window.setTimeout(() => target.current?.focus());
  const buttonOf = (selection: PasswordSelection) =>
    selection.mode === 'organizations' ? chosenButton : neverButton;

  async function prepare(selection: PasswordSelection) {
    setCounting(selection.mode);
    setError(null);
    setNotice(null);
    setIssued(null);
    let opened = false;
    try {
      const count = await api.post<OneTimePasswordCount>('/api/one-time-passwords/count', selection);
      if (count.accounts === 0) {
        setNotice(
          selection.mode === 'organizations'
            ? 'У выбранных организаций нет действующих учётных записей.'
            : 'Все учётные записи организаций уже входили в систему: выдавать пароли некому.',
        );
      } else if (count.accounts > count.limit) {
        setNotice(
          `За один раз можно выдать не больше ${plural(count.limit, PASSWORDS)}, а выбрано ${count.accounts}. ` +
            'Выберите регион или муниципалитет.',
        );
      } else {
        setPending({ selection, count });
        opened = true;
      }
    } catch (err) {
      setError(err);
    } finally {
      setCounting(null);
      // The dialog takes the focus; without one it goes back to the button (busy took it away).
      if (!opened) refocus(buttonOf(selection));
    }
  }

  async function issue(selection: PasswordSelection, expectedAccounts: number) {
    const file = await api.postForFile('/api/one-time-passwords', { ...selection, expectedAccounts });
    const fileName = file.fileName ?? 'Пароли.zip';
    saveFile(file.blob, fileName);
    const accounts = Number(file.headers.get('x-issued-accounts') ?? expectedAccounts);
    setIssued({ accounts, fileName });
    if (selection.mode === 'organizations') onClearChoice();
  }

  return (
    <section className="issue-passwords" aria-label="Выдача паролей" data-testid="issue-passwords">
      <span role="status">Выбрано организаций: {chosen.size}</span>
      <Button
        ref={chosenButton}
        variant="primary"
        disabled={chosen.size === 0}
        busy={counting === 'organizations'}
        onClick={() => void prepare({ mode: 'organizations', organizationIds: [...chosen] })}
      >
        Выдать пароли выбранным
      </Button>
      <Button
        ref={neverButton}
        busy={counting === 'neverSignedIn'}
        onClick={() => void prepare({ mode: 'neverSignedIn', ...territory })}
      >
        Выдать пароли всем, кто ни разу не входил
      </Button>
      {chosen.size > 0 && (
        <Button variant="link" onClick={onClearChoice}>
          Снять выбор
        </Button>
      )}
      <ProblemMessage error={error} />
      {notice && <InfoMessage>{notice}</InfoMessage>}
      {issued && (
        <div ref={result} className="message message-success" role="status" tabIndex={-1}>
          Выдано: {plural(issued.accounts, PASSWORDS)}. Архив «{issued.fileName}» сохранён в загрузках
          браузера; повторно его скачать нельзя.
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title="Выдать одноразовые пароли?"
          confirmLabel="Выдать пароли и скачать"
          danger
          onConfirm={() => issue(pending.selection, pending.count.accounts)}
          onDone={() => {
            setPending(null);
            refocus(result);
            void queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          }}
          onCancel={() => {
            // After the state change, so that the dialog (modal: the page behind it is inert) is gone.
            setPending(null);
            refocus(buttonOf(pending.selection));
          }}
        >
          <p>{whose(pending.selection)}</p>
          <p data-testid="issue-passwords-count">
            <strong>{replacedLabel(pending.count.accounts)}</strong> (
            {plural(pending.count.organizations, ORGANIZATIONS)}).
          </p>
          <p>
            Прежние пароли этих учётных записей перестанут действовать, их сеансы будут завершены. При первом
            входе каждый должен будет сменить пароль.
          </p>
          <p>
            Пароли не хранятся на портале: архив с таблицей Excel и листами PDF для печати (одна организация
            на странице) скачивается один раз. Сохраните его и передайте листы ответственным организаторам,
            соблюдая условия конфиденциальности.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
