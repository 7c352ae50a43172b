import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-g60-scroll-region';

/**
 * A table whose box scrolls (wide columns on a narrow screen, longer English labels, elder mode's larger text)
 * must be reachable by keyboard, or its hidden columns are lost to people without a mouse (WCAG 2.1.1; axe's
 * scrollable-region-focusable). antd renders the scroll box itself, so this marks every such box that overflows
 * as a focusable, labelled region, and unmarks it when it no longer overflows. It re-checks after any change of
 * the page, of a class (elder mode) and of the window size, once per frame at most.
 */
export function useFocusableScrollRegions(label: string): void {
  useEffect(() => {
    let frame = 0;
    const check = () => {
      frame = 0;
      for (const box of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
        const marked = box.hasAttribute(MARK);
        if (overflows && !marked && !box.hasAttribute('tabindex')) {
          box.setAttribute(MARK, '');
          box.tabIndex = 0;
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', label);
        } else if (!overflows && marked) {
          box.removeAttribute(MARK);
          box.removeAttribute('tabindex');
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        } else if (marked && box.getAttribute('aria-label') !== label) {
          box.setAttribute('aria-label', label);
        }
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style'] });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [label]);
}
