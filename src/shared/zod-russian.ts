// Russian messages for Zod, shared by the browser and the server. Zod's own Russian locale is
// the fallback; the common cases get plainer wording that a school secretary reads at a glance.
import { z } from 'zod';
import { CHARACTERS, tooLongMessage } from './messages.js';
import { pluralWord } from './plural.js';

export { tooLongMessage };

const russian = z.locales.ru();

export function installRussianZodMessages(): void {
  z.config({
    localeError: (issue) => {
      switch (issue.code) {
        case 'too_big':
          if (issue.origin === 'string') return tooLongMessage(Number(issue.maximum));
          if (issue.origin === 'number') return `Значение не должно быть больше ${issue.maximum}.`;
          break;
        case 'too_small':
          if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Поле не должно быть пустым.';
          if (issue.origin === 'string')
            return `Не меньше ${Number(issue.minimum)} ${pluralWord(Number(issue.minimum), CHARACTERS)}.`;
          if (issue.origin === 'number') return `Значение не должно быть меньше ${issue.minimum}.`;
          break;
        case 'invalid_type':
          if (issue.input === undefined) return 'Обязательное поле.';
          break;
        case 'unrecognized_keys':
          return `Неизвестные поля: ${issue.keys.join(', ')}.`;
      }
      return russian.localeError(issue);
    },
  });
}
