// echarts.js: loads the vendored ECharts (1 MB) on first use only, so pages without charts
// do not pay for it. ECharts picks its Chinese texts from <html lang="zh-CN">.
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
