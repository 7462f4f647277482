// What a form file would change, before «Применить»: the count, conflicts (cells changed in the
// portal since the file was downloaded, which are not loaded), cells with errors, and every change
// «было → стало». Values are as the server words them (formatCell); an empty cell reads «пусто».
import type { UploadPreview } from '../../../shared/api/excel-upload.js';
import { formatDateTime } from '../../../shared/dates.js';
import { TableFrame } from '../../ui/TableFrame.js';

const shown = (v: string) => (v === '' ? <span className="upload-empty">пусто</span> : v);

type Place = { table: string; row: string; column: string };
const placeOf = (p: Place) => (
  <>
    <span className="upload-table">{p.table}</span>
    {p.row} — {p.column}
  </>
);

export function ExcelUploadPreview({ preview, fileName }: { preview: UploadPreview; fileName: string }) {
  return (
    <div className="upload-preview" data-testid="upload-preview">
      <p>
        Файл «{fileName}», скачан {formatDateTime(preview.downloadedAt)} (МСК).
      </p>
      <p className="upload-summary" role="status">
        <strong>{preview.summary}</strong>
      </p>

      {preview.conflicts.length > 0 ? (
        <>
          <h3>Изменено в портале после скачивания файла ({preview.conflicts.length})</h3>
          <p>
            Эти ячейки не будут загружены: в портале останутся их текущие значения. Проверьте их в таблице.
          </p>
          <TableFrame>
            <table className="table" data-testid="upload-conflicts">
              <caption className="visually-hidden">Конфликты: ячейки, изменённые в портале</caption>
              <thead>
                <tr>
                  <th scope="col">Ячейка</th>
                  <th scope="col">В файле</th>
                  <th scope="col">В портале</th>
                </tr>
              </thead>
              <tbody>
                {preview.conflicts.map((c) => (
                  <tr key={c.cell}>
                    <td>
                      {placeOf(c)}
                      <span className="upload-why">{c.message}</span>
                    </td>
                    <td>{shown(c.yours)}</td>
                    <td>{shown(c.current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      ) : null}

      {preview.errors.length > 0 ? (
        <>
          <h3>Ячейки с ошибками ({preview.errors.length})</h3>
          <p>
            Значения с ошибками загружаются как черновик, как при вводе в таблицу: исправьте их перед «Сдать
            отчет». Ячейки, которые не удалось прочитать, не загружаются.
          </p>
          <TableFrame>
            <table className="table" data-testid="upload-errors">
              <caption className="visually-hidden">Ячейки с ошибками</caption>
              <thead>
                <tr>
                  <th scope="col">Ячейка</th>
                  <th scope="col">Значение</th>
                  <th scope="col">Ошибка</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr key={`${e.cell}-${e.message}`}>
                    <td>{placeOf(e)}</td>
                    <td>{shown(e.value)}</td>
                    <td>
                      {e.message}
                      {e.applied ? null : <span className="upload-why">Не загружается.</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      ) : null}

      {preview.changes.length > 0 ? (
        <>
          <h3>Изменения ({preview.changes.length})</h3>
          <TableFrame>
            <table className="table" data-testid="upload-changes">
              <caption className="visually-hidden">Изменения из файла</caption>
              <thead>
                <tr>
                  <th scope="col">Ячейка</th>
                  <th scope="col">Было</th>
                  <th scope="col">Станет</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.cell}>
                    <td>
                      {placeOf(c)}
                      {c.newRow ? <span className="upload-why">Новая строка</span> : null}
                    </td>
                    <td>{shown(c.old)}</td>
                    <td>
                      {shown(c.new)}
                      {c.error ? <span className="upload-why">{c.error}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
        </>
      ) : null}
    </div>
  );
}
