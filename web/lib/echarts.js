// echarts.js: loads the vendored ECharts (1 MB) on first use only, so pages without charts
// do not pay for it. ECharts picks its Chinese texts from <html lang="zh-CN">. useChart wires
// one chart into a component: drawn (SVG) once mounted and whenever its data change, resized
// with the window, disposed with the component.
let loading = null;

export function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = "/vendor/echarts@6.1.0/echarts.min.js";
      s.onload = () => resolve(window.echarts);
      s.onerror = () => {
        loading = null;
        reject(new Error("图表组件加载失败，请刷新重试"));
      };
      document.head.appendChild(s);
    });
  }
  return loading;
}

// el: the chart's element ref; option(): the ECharts option for the current data (null: draw
// nothing yet); source: what to watch (deep) for a redraw.
export function useChart(el, option, source) {
  const { watch, onMounted, onBeforeUnmount, nextTick } = Vue;
  let chart = null;
  async function draw() {
    const o = option();
    if (!o) return;
    const echarts = await loadEcharts();
    await nextTick();
    if (!el.value) return;
    // SVG: crisp at any zoom, and its texts are in the page (tests read the labels).
    if (!chart) chart = echarts.init(el.value, null, { renderer: "svg" });
    chart.setOption(o, true);
  }
  const onResize = () => chart && chart.resize();
  onMounted(() => {
    draw();
    window.addEventListener("resize", onResize);
  });
  onBeforeUnmount(() => {
    window.removeEventListener("resize", onResize);
    if (chart) chart.dispose();
  });
  watch(source, draw, { deep: true });
}
