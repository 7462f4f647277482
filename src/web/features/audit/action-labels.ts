// Russian names of the audited actions. An action not listed here is shown by its code, so new
// features appear in the log before anyone names them.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Вход в систему',
  'auth.login_failed': 'Неудачная попытка входа',
  'auth.login_throttled': 'Вход временно заблокирован',
  'auth.password_changed': 'Смена пароля',
  'user.created': 'Создание пользователя',
  'user.updated': 'Изменение пользователя',
  'user.activated': 'Активация пользователя',
  'user.deactivated': 'Деактивация пользователя',
  'user.password_reset': 'Сброс пароля',
  'user.one_time_passwords_issued': 'Выдача одноразовых паролей организациям',
  'organization.created': 'Создание организации',
  'organization.updated': 'Изменение организации',
  'organization.activated': 'Активация организации',
  'organization.deactivated': 'Деактивация организации',
  'directory.import': 'Импорт справочника',
  'directory.import_refused': 'Импорт справочника отклонён',
  'publication.created': 'Создание публикации',
  'publication.updated': 'Изменение публикации',
  'publication.deleted': 'Удаление публикации',
  'publication.file_added': 'Добавление материала к публикации',
  'publication.file_deleted': 'Удаление материала публикации',
  'publication.file_downloaded': 'Скачивание материала публикации',
  'report.downloaded': 'Скачивание сданного отчета в PDF',
  'reminders.send': 'Отправка напоминания',
  'reminders.dismiss': 'Напоминание скрыто организацией',
};

export const OBJECT_TYPE_LABELS: Record<string, string> = {
  login: 'логин',
  user: 'пользователь',
  organization: 'организация',
  publication: 'публикация',
  response: 'отчет участника',
  collection: 'сбор данных',
  reminder: 'напоминание',
};
