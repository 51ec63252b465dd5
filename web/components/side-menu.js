// side-menu.js: the brand and the main menu, grouped as menu.js builds it (党员与组织 / 组织生活 /
// 服务群众 / 系统; a group without a title shows its items bare). The layout shows it as the
// side bar on a wide screen and inside the drawer on a phone.
export default {
  name: "SideMenu",
  props: { groups: { type: Array, required: true }, active: String },
  emits: ["select"],
  template: `
    <div class="brand"><span class="brand-mark">党</span><span>社区党建</span></div>
    <el-menu :default-active="active" class="side-menu" @select="(p) => $emit('select', p)" aria-label="主菜单">
      <template v-for="g in groups" :key="g.group">
        <el-menu-item-group v-if="g.group" :title="g.group">
          <el-menu-item v-for="p in g.items" :key="p.path" :index="p.path">
            <el-icon><component :is="p.menu.icon" /></el-icon><span>{{ p.title }}</span>
          </el-menu-item>
        </el-menu-item-group>
        <template v-else>
          <el-menu-item v-for="p in g.items" :key="p.path" :index="p.path">
            <el-icon><component :is="p.menu.icon" /></el-icon><span>{{ p.title }}</span>
          </el-menu-item>
        </template>
      </template>
    </el-menu>`,
};
