// What the import did: applied or not, the counts, every refused row with its reasons, and the
// one-time passwords of new accounts (shown once).
import { formatCount } from '../../../../shared/plural.js';
import { SuccessMessage } from '../../../ui/ProblemMessage.js';
import { TableFrame } from '../../../ui/TableFrame.js';
import { columnLabel, type ImportKind, type ShownReport } from './types.js';

export function ImportReportView({ report, kind }: { report: ShownReport; kind: ImportKind }) {
  const refusedErrors = report.refused.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
  return (
    <section
      className="panel import-report"
      aria-labelledby="import-report-title"
      data-testid="import-report"
    >
      <h2 id="import-report-title">Результат импорта</h2>
      {report.applied ? (
        <SuccessMessage>Импорт выполнен.</SuccessMessage>
      ) : (
        <div className="message message-error" role="alert">
          {report.detail ??
            'Импорт не выполнен: в файле есть ошибки. Исправьте их или отметьте «Применить только корректные строки».'}{' '}
          Данные не изменены.
        </div>
      )}
      <dl className="details details-inline">
        <dt>Строк в файле</dt>
        <dd data-testid="import-total">{formatCount(report.total)}</dd>
        <dt>Создано</dt>
        <dd data-testid="import-created">{formatCount(report.created)}</dd>
        <dt>Обновлено</dt>
        <dd data-testid="import-updated">{formatCount(report.updated)}</dd>
        <dt>Отклонено строк</dt>
        <dd data-testid="import-refused">{formatCount(report.refused.length)}</dd>
      </dl>

      {refusedErrors.length > 0 && (
        <>
          <h3>Отклонённые строки</h3>
          <TableFrame>
            <table className="table" data-testid="import-refused-table">
              <caption className="visually-hidden">Отклонённые строки</caption>
              <thead>
                <tr>
                  <th scope="col">Строка</th>
                  <th scope="col">Столбец</th>
                  <th scope="col">Ошибка</th>
                </tr>
              </thead>
              <tbody>
                {refusedErrors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors in one column
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{columnLabel(kind, e.column)}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      )}

      {report.credentials && report.credentials.length > 0 && (
        <>
          <h3>Временные пароли новых пользователей</h3>
          <p className="message message-info">
            Пароли показываются только один раз. Сохраните их и передайте пользователям: при первом входе
            каждый должен будет сменить пароль.
          </p>
          <TableFrame>
            <table className="table" data-testid="import-credentials">
              <caption className="visually-hidden">Временные пароли</caption>
              <thead>
                <tr>
                  <th scope="col">Логин</th>
                  <th scope="col">Временный пароль</th>
                </tr>
              </thead>
              <tbody>
                {report.credentials.map((c) => (
                  <tr key={c.login}>
                    <td>{c.login}</td>
                    <td>
                      <code className="secret">{c.oneTimePassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      )}
    </section>
  );
}
