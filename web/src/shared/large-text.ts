// 大字模式 for the elderly: one class on <html> that every area's stylesheet scales its type by,
// kept on the device.
import { ref } from 'vue';

const STORAGE_KEY = 'suqiu.largeText';
const CLASS = 'suqiu-large-text';

function stored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export const largeText = ref(stored());
document.documentElement.classList.toggle(CLASS, largeText.value);

export function setLargeText(on: boolean): void {
  largeText.value = on;
  document.documentElement.classList.toggle(CLASS, on);
  try {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
  } catch {
    // private mode: for this page only
  }
}
