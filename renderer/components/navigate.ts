/**
 * Which screen is showing, as a tiny store: the App shell renders from it and its navigation
 * buttons set it, and a screen switches elsewhere (Solve → Settings, History → Solve) with
 * goToScreen(id). The shell falls back to the first screen for an id it does not know.
 */
import { create } from 'zustand';

interface NavigationState {
  /** null until someone navigates: the first screen of the registry. */
  screenId: string | null;
  goTo(id: string): void;
}

// No registry import here: the registry imports screens that import this module.
export const useNavigation = create<NavigationState>((set) => ({
  screenId: null,
  goTo: (id) => set({ screenId: id }),
}));

export function goToScreen(id: string): void {
  useNavigation.getState().goTo(id);
}
