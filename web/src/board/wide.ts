// Phone or wider: cards below ~1000 px, a table from there on (a desk, a wall screen).
import { onBeforeUnmount, ref, type Ref } from 'vue';

export const WIDE_QUERY = '(min-width: 1000px)';

export function useWide(): Ref<boolean> {
  const query = window.matchMedia(WIDE_QUERY);
  const wide = ref(query.matches);
  const changed = (e: MediaQueryListEvent): void => {
    wide.value = e.matches;
  };
  query.addEventListener('change', changed);
  onBeforeUnmount(() => query.removeEventListener('change', changed));
  return wide;
}
