// viewport.js: a reactive "is this a phone" flag (width < 768 px) for layouts that differ.
const { ref } = Vue;

export const isMobile = ref(window.innerWidth < 768);
window.addEventListener("resize", () => {
  isMobile.value = window.innerWidth < 768;
});
