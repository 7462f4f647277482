// «Выше», «Ниже», «Удалить …» for one item of a designer list. Focus follows the moved item (the
// buttons are keyed by position, so without this it would stay on whatever item took its place).
import { Button } from '../../../ui/Button.js';
import { fieldId, focusSoon } from './field-paths.js';

type Props = {
  /** The path of the item at a position, e.g. (i) => `tables[0].columns[${i}]`. */
  pathAt: (index: number) => string;
  index: number;
  count: number;
  /** What the item is, in the accusative: «столбец», «строку». */
  noun: string;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** A list that may not be empty keeps its last item. */
  keepLast?: boolean;
  /** Where focus goes once the item is gone (usually the list's «Добавить» button). */
  focusAfterRemove: string;
};

export function ItemActions({
  pathAt,
  index,
  count,
  noun,
  onMove,
  onRemove,
  keepLast,
  focusAfterRemove,
}: Props) {
  const move = (to: number) => {
    onMove(to);
    // At either end one of the two buttons is disabled: land on the other one.
    const side = to === 0 ? 'down' : to === count - 1 ? 'up' : to < index ? 'up' : 'down';
    focusSoon(`${fieldId(pathAt(to))}-${side}`);
  };
  const id = fieldId(pathAt(index));
  return (
    <div className="designer-item-actions">
      <Button id={`${id}-up`} disabled={index === 0} onClick={() => move(index - 1)}>
        Выше
      </Button>
      <Button id={`${id}-down`} disabled={index === count - 1} onClick={() => move(index + 1)}>
        Ниже
      </Button>
      <Button
        variant="danger"
        disabled={keepLast && count <= 1}
        onClick={() => {
          onRemove();
          focusSoon(focusAfterRemove);
        }}
      >
        Удалить {noun}
      </Button>
    </div>
  );
}
