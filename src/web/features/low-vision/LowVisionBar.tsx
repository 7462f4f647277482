// «Версия для слабовидящих» (ГОСТ Р 52872-2019) at the top of every page's header, the sign-in page's
// included. The button turns the special version on (black on white to begin with) and opens its
// settings below it: a disclosure region, so the page stays in view and every change shows at once.
// Escape or «Закрыть настройки» closes it and puts focus back on the button; «Обычная версия» turns
// the special version off.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { applySettings, currentSettings, type LowVisionSettings, SPECIAL_DEFAULTS } from './settings.js';

type Choice<K extends keyof LowVisionSettings> = [value: LowVisionSettings[K], label: string];

const FONT_CHOICES: Choice<'font'>[] = [
  ['100', '100 %'],
  ['150', '150 %'],
  ['200', '200 %'],
];
const SCHEME_CHOICES: Choice<'scheme'>[] = [
  ['white', 'Чёрный текст на белом фоне'],
  ['black', 'Белый текст на чёрном фоне'],
  ['blue', 'Тёмно-синий текст на голубом фоне'],
];
const SPACING_CHOICES: Choice<'spacing'>[] = [
  ['normal', 'Обычный'],
  ['wide', 'Увеличенный'],
];
const IMAGE_CHOICES: Choice<'images'>[] = [
  ['shown', 'Показывать'],
  ['hidden', 'Не показывать (графики — таблицами)'],
];

export function LowVisionBar() {
  const [settings, setSettings] = useState<LowVisionSettings | null>(currentSettings);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const panelId = useId();
  const headingId = useId();

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  function change(next: LowVisionSettings | null) {
    applySettings(next);
    setSettings(next);
  }

  function toggle() {
    if (open) return close();
    if (!settings) change(SPECIAL_DEFAULTS);
    setOpen(true);
  }

  function close() {
    setOpen(false);
    opener.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  }

  return (
    <div className="lv-bar">
      <div className="lv-bar-inner">
        <button
          ref={opener}
          type="button"
          className="lv-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={toggle}
        >
          Версия для слабовидящих
        </button>
      </div>
      <section
        id={panelId}
        className="lv-panel"
        aria-labelledby={headingId}
        hidden={!open || !settings}
        onKeyDown={onKeyDown}
      >
        {settings ? (
          <div className="lv-panel-inner">
            <h2 id={headingId} ref={heading} tabIndex={-1} className="lv-panel-title">
              Настройки версии для слабовидящих
            </h2>
            <div className="lv-groups">
              <RadioGroup
                legend="Размер шрифта"
                name="lv-font"
                choices={FONT_CHOICES}
                value={settings.font}
                onChange={(font) => change({ ...settings, font })}
              />
              <RadioGroup
                legend="Цветовая схема"
                name="lv-scheme"
                choices={SCHEME_CHOICES}
                value={settings.scheme}
                onChange={(scheme) => change({ ...settings, scheme })}
              />
              <RadioGroup
                legend="Интервал между буквами"
                name="lv-spacing"
                choices={SPACING_CHOICES}
                value={settings.spacing}
                onChange={(spacing) => change({ ...settings, spacing })}
              />
              <RadioGroup
                legend="Изображения"
                name="lv-images"
                choices={IMAGE_CHOICES}
                value={settings.images}
                onChange={(images) => change({ ...settings, images })}
              />
            </div>
            <div className="lv-actions">
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => {
                  change(null);
                  close();
                }}
              >
                Обычная версия
              </button>
              <button type="button" className="btn btn-secondary" onClick={close}>
                Закрыть настройки
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

type RadioGroupProps<V extends string> = {
  legend: string;
  name: string;
  choices: [value: V, label: string][];
  value: V;
  onChange: (value: V) => void;
};

function RadioGroup<V extends string>({ legend, name, choices, value, onChange }: RadioGroupProps<V>) {
  return (
    <fieldset className="radio-group lv-group">
      <legend>{legend}</legend>
      {choices.map(([choice, label]) => (
        <label key={choice} className="radio">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
