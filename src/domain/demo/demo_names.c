/* demo_names.c: invented name material for the demo generator: a ranked surname table with
 * Zipf-like weights, era pools of given-name characters (通用规范汉字表 level 1 only), and
 * word pools for fictional places and employers. Written for this project from published
 * frequency facts (DATA.md §2); no name list of real people is copied. No logic lives here. */
#include "core/compat.h"
#include "domain/demo/demo_int.h"

/* Rank order follows the public surname reports; weights follow 7 * ((1+b)/(r+b))^s with
 * b = 7.53, s = 1.403 (7 % at rank 1, 0.2 % at rank 100, 98.5 % in all), in 0.01 % units. */
const struct demo_surname DEMO_SURNAMES[] = {
    { "王", "w", 700 },
    { "李", "l", 599 },
    { "张", "z", 521 },
    { "刘", "l", 459 },
    { "陈", "c", 408 },
    { "杨", "y", 366 },
    { "黄", "h", 332 },
    { "赵", "z", 302 },
    { "吴", "w", 277 },
    { "周", "z", 255 },
    { "徐", "x", 236 },
    { "孙", "s", 219 },
    { "马", "m", 204 },
    { "朱", "z", 191 },
    { "胡", "h", 179 },
    { "郭", "g", 169 },
    { "何", "h", 159 },
    { "林", "l", 150 },
    { "罗", "l", 142 },
    { "高", "g", 135 },
    { "郑", "z", 129 },
    { "梁", "l", 123 },
    { "谢", "x", 117 },
    { "宋", "s", 112 },
    { "唐", "t", 107 },
    { "许", "x", 103 },
    { "韩", "h", 98 },
    { "邓", "d", 95 },
    { "冯", "f", 91 },
    { "曹", "c", 88 },
    { "彭", "p", 84 },
    { "曾", "z", 81 },
    { "肖", "x", 79 },
    { "田", "t", 76 },
    { "董", "d", 73 },
    { "潘", "p", 71 },
    { "袁", "y", 69 },
    { "蔡", "c", 67 },
    { "蒋", "j", 65 },
    { "余", "y", 63 },
    { "于", "y", 61 },
    { "杜", "d", 59 },
    { "叶", "y", 58 },
    { "程", "c", 56 },
    { "魏", "w", 55 },
    { "苏", "s", 53 },
    { "吕", "l", 52 },
    { "丁", "d", 51 },
    { "任", "r", 49 },
    { "卢", "l", 48 },
    { "姚", "y", 47 },
    { "沈", "s", 46 },
    { "钟", "z", 45 },
    { "姜", "j", 44 },
    { "崔", "c", 43 },
    { "谭", "t", 42 },
    { "陆", "l", 41 },
    { "范", "f", 40 },
    { "汪", "w", 39 },
    { "廖", "l", 38 },
    { "石", "s", 38 },
    { "金", "j", 37 },
    { "韦", "w", 36 },
    { "贾", "j", 35 },
    { "夏", "x", 35 },
    { "付", "f", 34 },
    { "方", "f", 33 },
    { "邹", "z", 33 },
    { "熊", "x", 32 },
    { "白", "b", 32 },
    { "孟", "m", 31 },
    { "秦", "q", 31 },
    { "邱", "q", 30 },
    { "侯", "h", 29 },
    { "江", "j", 29 },
    { "尹", "y", 29 },
    { "薛", "x", 28 },
    { "闫", "y", 28 },
    { "段", "d", 27 },
    { "雷", "l", 27 },
    { "龙", "l", 26 },
    { "黎", "l", 26 },
    { "史", "s", 25 },
    { "陶", "t", 25 },
    { "贺", "h", 25 },
    { "毛", "m", 24 },
    { "郝", "h", 24 },
    { "顾", "g", 24 },
    { "龚", "g", 23 },
    { "邵", "s", 23 },
    { "万", "w", 23 },
    { "覃", "q", 22 },
    { "武", "w", 22 },
    { "钱", "q", 22 },
    { "戴", "d", 21 },
    { "严", "y", 21 },
    { "莫", "m", 21 },
    { "孔", "k", 21 },
    { "向", "x", 20 },
    { "常", "c", 20 },
    /* Compound surnames, 1.5 % together (spread wider than life so they show up). */
    { "欧阳", "oy", 60 },
    { "上官", "sg", 15 },
    { "司马", "sm", 15 },
    { "诸葛", "zg", 15 },
    { "司徒", "st", 15 },
    { "皇甫", "hf", 10 },
    { "令狐", "lh", 10 },
    { "慕容", "mr", 5 },
    { "东方", "df", 5 },
};
const size_t DEMO_SURNAMES_LEN = ARRAY_LEN(DEMO_SURNAMES);

/* Characters fashionable in each era; polyphonic characters carry their name reading. */
const char *const DEMO_GIVEN_M[DEMO_ERAS] = {
    "国g建j福f德d明m华h荣r贵g忠z志z林l山s海h生s祥x宝b成c文w和h金j"
    "昌c永y有y发f树s春c清q义y顺s庆q富f善s仁r广g",
    "建j国g军j华h明m伟w卫w东d勇y平p强q庆q新x文w志z利l民m红h兵b忠z"
    "林l胜s光g学x跃y进j援y洪h春c永y海h斌b刚g保b",
    "伟w磊l涛t斌b鹏p杰j勇y军j刚g超c浩h峰f波b辉h强q明m宇y亮l俊j健j"
    "飞f毅y凯k龙l海h林l东d晓x志z剑j锋f雷l鸣m永y",
    "浩h宇y旭x杰j磊l鹏p博b晨c思s航h帅s凯k俊j家j豪h文w天t明m泽z阳y"
    "子z嘉j轩x帆f然r锐r一y瑞r佳j铭m",
    "子z宇y沐m轩x浩h辰c恒h泽z铭m朗l航h一y博b俊j皓h晨c墨m然r豪h哲z"
    "瑞r锦j宁n翔x言y安a景j逸y诚c",
};

const char *const DEMO_GIVEN_F[DEMO_ERAS] = {
    "秀x英y兰l珍z凤f桂g芳f玉y淑s翠c梅m琴q云y花h荣r素s香x霞x莲l菊j"
    "娥e贞z彩c金j爱a月y",
    "红h华h英y玲l霞x萍p丽l梅m秀x敏m燕y琴q娟j凤f芳f兰l云y玉y珍z桂g"
    "素s慧h卫w荣r春c艳y雪x平p",
    "丽l静j敏m燕y艳y娟j霞x蓉r娜n芳f丹d玲l颖y慧h薇w蕾l琳l晶j红h莉l"
    "萍p梅m雪x洁j晓x琴q云y春c佳j",
    "婉w雪x佳j欣x怡y莹y雨y梦m颖y菲f娇j悦y静j丹d思s晨c慧h琳l敏m蕾l"
    "文w月y露l洁j玉y雅y嘉j",
    "子z紫z欣x涵h一y诺n怡y雨y萌m雅y彤t悦y柔r语y桐t可k馨x诗s若r思s"
    "佳j依y梦m悠y晴q心x安a沫m",
};

const char *const DEMO_COMMON_NAMES[] = {
    "张伟", "王伟", "李娜", "王芳", "李伟", "王静", "李静", "张敏", "刘伟", "张静",
};
const size_t DEMO_COMMON_NAMES_LEN = ARRAY_LEN(DEMO_COMMON_NAMES);

/* 澜川区 is invented; the street, community and estate names are combinations of ordinary
 * words, so any match with a real place is a coincidence of common words. */
const char DEMO_DISTRICT[] = "澜川";
const char *const DEMO_STREET_A = "青 临 望 云 松 翠 桂 清 白 金 银 紫 丹 碧 锦 明 兴 和 安 福 "
                                  "永 新 宁 康 瑞 嘉 华 星 枫 柳";
const char *const DEMO_STREET_B = "枫 江 湖 栖 涛 屏 园 溪 沙 桥 杏 荆 霞 水 山 河 林 苑 湾 塘 "
                                  "坪 岭 洲 峰 泉 亭 门 田 坊 滨";
const char *const DEMO_COMM_A = "桂 明 清 锦 翠 春 秋 兰 竹 梅 松 柏 枫 杨 柳 荷 菊 芳 香 雅 "
                                "景 和 乐 康 泰 丰 裕 盛 新 安 宁 福 祥 瑞 嘉 华 文 书 德 仁";
const char *const DEMO_COMM_B = "香 湖 溪 园 苑 林 泉 岸 桥 塘 湾 庭 阳 光 华 辉 馨 悦 怡 雅 "
                                "秀 安 宁 和 泰 兴 隆 平 康 乐 源 河 山 水 川 汇 城 峰 岭 洲";
const char *const DEMO_COMM_SUFFIX = "苑 里 园 坊 庭 湾 新村 花园 家园 北里 南里 东苑";
const char *const DEMO_ESTATE_WORDS = "阳光 锦绣 翠湖 金色 绿洲 和谐 幸福 康乐 书香 丽景 "
                                      "春晓 华庭 明珠 滨河 怡景 瑞祥 盛世 金桂 银河 紫薇 "
                                      "碧水 悦澜 星河 祥和 平安 康居 馨怡 宏福 东方 青竹";
const char *const DEMO_ESTATE_SUFFIX = "花园 家园 小区 公寓 雅苑 新城 名苑 佳苑";
const char *const DEMO_ROAD_SUFFIX = "路 街 大道 路 街 路";
const char *const DEMO_COMPANY_WORDS = "汇通 恒信 启明 华信 锦程 瑞丰 博远 安和 联众 致远 "
                                       "明德 同创 星火 嘉禾 盛元 新航 润泽 海纳 天成 宏达";
const char *const DEMO_OUT_CITIES = "上海 深圳 广州 杭州 苏州 北京 成都 武汉 南京 宁波 "
                                    "厦门 东莞";
const char *const DEMO_OTHER_COUNTIES = "澜西县 澜北县 临川县 望江县 清源县 云溪县";
const char *const DEMO_WORK_UNITS = "第一中学 第三小学 人民医院 中医院 妇幼保健院 "
                                    "市场监督管理局 税务局 城市管理局 供电公司 自来水公司 "
                                    "公交公司 实验小学 职业技术学校 图书馆";
const char *const DEMO_POSTS_SERVICE = "教师 医生 护士 工程师 科员 会计 技术员 职员 主任 司机";
const char *const DEMO_POSTS_NEWORG = "职员 经理 店长 律师 社工 设计师 程序员 销售 客服 会计";

const struct demo_weighted DEMO_ETHNICITIES[] = {
    { "汉族", 9300 }, { "回族", 130 }, { "满族", 120 },  { "壮族", 100 }, { "蒙古族", 70 },
    { "土家族", 60 }, { "苗族", 50 },  { "朝鲜族", 40 }, { "彝族", 30 },  { "维吾尔族", 30 },
    { "藏族", 25 },   { "侗族", 20 },  { "布依族", 15 }, { "白族", 10 },
};
const size_t DEMO_ETHNICITIES_LEN = ARRAY_LEN(DEMO_ETHNICITIES);

/* In the roster's wording (MEMBER_EDUCATIONS); 硕士 and 博士 are both 研究生 there. */
const char *const DEMO_EDUCATION[DEMO_EDU_LEVELS] = {
    "小学及以下", "初中", "高中", "中专", "大学专科", "大学本科", "研究生", "研究生",
};

/* Per 1000. Members are better educated than the residents around them, and the young
 * better than the old. */
const int DEMO_EDU_MEMBER[DEMO_EDU_BANDS][DEMO_EDU_LEVELS] = {
    { 150, 300, 250, 120, 100, 70, 10, 0 },
    { 60, 220, 280, 150, 160, 120, 8, 2 },
    { 10, 80, 160, 140, 280, 300, 25, 5 },
    { 0, 20, 60, 60, 250, 480, 110, 20 },
};
const int DEMO_EDU_RESIDENT[DEMO_EDU_BANDS][DEMO_EDU_LEVELS] = {
    { 350, 350, 180, 60, 40, 20, 0, 0 },
    { 150, 380, 270, 90, 70, 40, 0, 0 },
    { 40, 250, 280, 120, 170, 130, 10, 0 },
    { 10, 100, 170, 100, 250, 320, 45, 5 },
};
