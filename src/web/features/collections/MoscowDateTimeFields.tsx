// A moment in Moscow time as two inputs, a date and a time, under one legend.
import { useId } from 'react';
import type { MoscowDateTime } from './moscow-time.js';

type Props = {
  legend: string;
  dateLabel: string;
  timeLabel: string;
  value: MoscowDateTime;
  onChange: (value: MoscowDateTime) => void;
  error?: string;
};

export function MoscowDateTimeFields({ legend, dateLabel, timeLabel, value, onChange, error }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = error ? true : undefined;
  return (
    <fieldset className={error ? 'datetime-fields field-invalid' : 'datetime-fields'}>
      <legend>{legend} (МСК)</legend>
      <div className="datetime-inputs">
        <div className="field">
          <label htmlFor={`${id}-date`}>{dateLabel}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={value.date}
            required
            aria-invalid={invalid}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{timeLabel}</label>
          <input
            id={`${id}-time`}
            type="time"
            value={value.time}
            required
            aria-invalid={invalid}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => onChange({ ...value, time: e.target.value })}
          />
        </div>
      </div>
      {error ? (
        <div id={errorId} className="field-error">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
