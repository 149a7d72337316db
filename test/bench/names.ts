/**
 * Name material for generated members: weighted Chinese surnames (traditional, with simplified
 * forms), a few hundred common given-name characters, and Latin first and last names as seen on
 * Hong Kong loyalty cards.
 */

/** [traditional, simplified, weight]; weights follow rough Hong Kong frequency. */
export const chineseSurnames: readonly (readonly [string, string, number])[] = [
  ['陳', '陈', 10],
  ['李', '李', 8],
  ['黃', '黄', 7],
  ['張', '张', 7],
  ['王', '王', 7],
  ['梁', '梁', 5],
  ['林', '林', 5],
  ['劉', '刘', 5],
  ['吳', '吴', 4],
  ['楊', '杨', 4],
  ['何', '何', 4],
  ['鄭', '郑', 3],
  ['周', '周', 3],
  ['趙', '赵', 3],
  ['馬', '马', 3],
  ['羅', '罗', 3],
  ['謝', '谢', 3],
  ['郭', '郭', 3],
  ['胡', '胡', 3],
  ['朱', '朱', 3],
  ['麥', '麦', 2],
  ['葉', '叶', 2],
  ['蔡', '蔡', 2],
  ['曾', '曾', 2],
  ['鄧', '邓', 2],
  ['許', '许', 2],
  ['徐', '徐', 2],
  ['孫', '孙', 2],
  ['高', '高', 2],
  ['盧', '卢', 2],
  ['蘇', '苏', 2],
  ['潘', '潘', 2],
  ['彭', '彭', 2],
  ['譚', '谭', 2],
  ['余', '余', 2],
  ['鍾', '钟', 2],
  ['袁', '袁', 2],
  ['唐', '唐', 2],
  ['馮', '冯', 2],
  ['韓', '韩', 1],
  ['曹', '曹', 1],
  ['蕭', '萧', 1],
  ['田', '田', 1],
  ['董', '董', 1],
  ['杜', '杜', 1],
  ['程', '程', 1],
  ['魏', '魏', 1],
  ['呂', '吕', 1],
  ['丁', '丁', 1],
  ['任', '任', 1],
  ['沈', '沈', 1],
  ['姚', '姚', 1],
  ['姜', '姜', 1],
  ['崔', '崔', 1],
  ['陸', '陆', 1],
  ['汪', '汪', 1],
  ['范', '范', 1],
  ['金', '金', 1],
  ['石', '石', 1],
  ['廖', '廖', 1],
  ['賈', '贾', 1],
  ['夏', '夏', 1],
  ['韋', '韦', 1],
  ['傅', '傅', 1],
  ['方', '方', 1],
  ['白', '白', 1],
  ['鄒', '邹', 1],
  ['孟', '孟', 1],
  ['熊', '熊', 1],
  ['秦', '秦', 1],
  ['邱', '邱', 1],
  ['江', '江', 1],
  ['尹', '尹', 1],
  ['薛', '薛', 1],
  ['段', '段', 1],
  ['雷', '雷', 1],
  ['侯', '侯', 1],
  ['龍', '龙', 1],
  ['史', '史', 1],
  ['陶', '陶', 1],
  ['黎', '黎', 1],
  ['賀', '贺', 1],
  ['顧', '顾', 1],
  ['毛', '毛', 1],
  ['龔', '龚', 1],
  ['邵', '邵', 1],
  ['萬', '万', 1],
  ['錢', '钱', 1],
  ['嚴', '严', 1],
  ['莫', '莫', 1],
  ['孔', '孔', 1],
  ['湯', '汤', 1],
  ['岑', '岑', 1],
  ['區', '区', 1],
  ['歐陽', '欧阳', 1],
];

const givenText =
  '偉華明志強文國嘉家俊傑建永子小美玲麗芳婷敏靜秀英慧淑欣詩雅穎琪思曉浩宇軒豪健輝榮德成立新安' +
  '寶珍玉蘭梅鳳雲霞月雪紅燕萍娟瑩晶潔琳翠霖鋒峰濤波海江山森天宏鴻飛鵬鳴東南興盛昌平和順福祥瑞' +
  '康泰樂善仁義禮智信忠孝廉勇正光亮耀達通振源清泉澤洋淼潤博學業卓越凱旋勝利雄威武彬斌杰毅恆' +
  '堅剛柏松竹菊蓮荷桂香芬芝蕙蓉薇茵若如佳怡悅心意情詠儀嫻婉嬌媚姿妍娜倩惠嫣琦瑤璐瑜瓊珊琴韻蕾' +
  '蓓蕊穗禾豐年春夏秋冬晨曦陽煌星辰雨霜露虹彩錦繡綺素純真誠實朗然哲理睿聰賢能逸揚帆航遠超群' +
  '才彥士君峻嶺崇高崢嶸坤乾元亨貞啟迪銘記承繼宗祖先後蔚昊旻昕昱晟晏暉曜曄景皓璟瑋珺瑾璇璨琛' +
  '瑛琬琰珏珩彤丹青翔程嘉綺舒雯霏蔓靖婕妤瑋韜鈞銳鎮錫鑫炎焯燊熙煒烽灝鑫沛澄汶漢滔溢頌諾謙樺' +
  '楷樂柔桐梓榆楓棠';

/** A few hundred common given-name characters (traditional forms), each once. */
export const givenChars: readonly string[] = Array.from(new Set(Array.from(givenText)));

/** Simplified forms of the given-name characters that differ from the traditional. */
const simplified: Readonly<Record<string, string>> = {
  偉: '伟',
  華: '华',
  強: '强',
  國: '国',
  傑: '杰',
  麗: '丽',
  靜: '静',
  詩: '诗',
  穎: '颖',
  曉: '晓',
  軒: '轩',
  輝: '辉',
  榮: '荣',
  寶: '宝',
  蘭: '兰',
  鳳: '凤',
  雲: '云',
  紅: '红',
  瑩: '莹',
  潔: '洁',
  鋒: '锋',
  濤: '涛',
  鴻: '鸿',
  飛: '飞',
  鵬: '鹏',
  鳴: '鸣',
  東: '东',
  興: '兴',
  順: '顺',
  樂: '乐',
  禮: '礼',
  義: '义',
  達: '达',
  澤: '泽',
  潤: '润',
  學: '学',
  業: '业',
  凱: '凯',
  勝: '胜',
  恆: '恒',
  堅: '坚',
  剛: '刚',
  蓮: '莲',
  悅: '悦',
  儀: '仪',
  嫻: '娴',
  嬌: '娇',
  瑤: '瑶',
  瓊: '琼',
  韻: '韵',
  豐: '丰',
  陽: '阳',
  錦: '锦',
  繡: '绣',
  綺: '绮',
  純: '纯',
  誠: '诚',
  實: '实',
  聰: '聪',
  賢: '贤',
  揚: '扬',
  遠: '远',
  彥: '彦',
  嶺: '岭',
  崢: '峥',
  嶸: '嵘',
  貞: '贞',
  啟: '启',
  銘: '铭',
  記: '记',
  繼: '继',
  後: '后',
  暉: '晖',
  曄: '晔',
  瑋: '玮',
  韜: '韬',
  鈞: '钧',
  銳: '锐',
  鎮: '镇',
  錫: '锡',
  燊: '燊',
  煒: '炜',
  灝: '灏',
  漢: '汉',
  頌: '颂',
  諾: '诺',
  謙: '谦',
  樺: '桦',
  楓: '枫',
};

export function toSimplified(text: string): string {
  return Array.from(text, (c) => simplified[c] ?? c).join('');
}

/** Hong Kong and mainland romanisations first: they are most of a Hong Kong member list. */
const latinLastCommon = (
  'Chan Wong Lee Cheung Lau Ng Ho Leung Lam Tang Yip Chow Tsang Kwok Fung Yeung Mak Lai Chu ' +
  'Choi Law Poon Tse Siu Kwan Lo Hui Yu Kong Tam Ma Tsui Cheng Chiu Yuen Chung Au Ko Shum Mok ' +
  'Pang Tong Kam Wan Sin Fong Luk Chau Hung Chang Chen Lin Liu Wu Zhang Wang Li Huang Zhou'
).split(' ');

const latinLastOther = (
  'Smith Brown Taylor Johnson Williams Jones Davies Evans Wilson Thomas Roberts Walker Wright ' +
  'Robinson Thompson White Hughes Edwards Green Hall Wood Harris Martin Clarke Jackson Turner ' +
  'Hill Moore Cooper Ward Morris King Watson Baker Patel Singh Khan Kumar Sharma Garcia ' +
  'Martinez Rodriguez Tan Lim Ong Goh Teo Nguyen Tran Kim Park Sato Suzuki Takahashi Tanaka ' +
  'Fernandes Santos Costa Reyes Cruz Mendoza'
).split(' ');

export const latinLastNames: readonly (readonly [string, number])[] = [
  ...latinLastCommon.map((n) => [n, 4] as const),
  ...latinLastOther.map((n) => [n, 1] as const),
];

export const latinFirstNames: readonly string[] = (
  'Peter Mary John David Michael Chris Wing Kelvin Jason Eric Kenneth Raymond Alan Tony Vincent ' +
  'Andy Ivan Calvin Gary Patrick Samuel Daniel Thomas William James Joseph Charles Charlotte ' +
  'Chloe Emily Grace Jessica Jennifer Karen Carmen Winnie Fanny Vivian Cherry Candy Bonnie Janet ' +
  'Sandy Wendy Queenie Yvonne Angela Amy Alice Anna Annie Catherine Christine Cindy Connie ' +
  'Crystal Elaine Eva Fiona Gloria Helen Irene Iris Ivy Jacky Joyce Kitty Lily Louise Maggie ' +
  'Mandy Michelle Natalie Phoebe Priscilla Rachel Rebecca Sally Stephanie Tiffany Venus Zoe Ben ' +
  'Brian Bruce Dennis Derek Edmond Felix Frankie Gordon Harry Henry Jack Jimmy Johnny Kevin Leo ' +
  'Louis Marco Martin Matthew Nelson Oscar Paul Philip Ricky Ronald Sam Simon Stanley Steven ' +
  'Terry Timothy Victor Wilson Hazel Janice Jacqueline Kathy Kristy Macy Nicole Olivia Sophia ' +
  'Teresa Ada Agnes Bella Carol Daisy Esther Florence Heidi Jenny Judy Kay Lorraine Mabel Nancy ' +
  'Peggy Ruby Sharon Sylvia Tina Ursula Veronica'
).split(' ');

export const productNames: readonly string[] = [
  'Milk tea',
  'Egg tart',
  'Pineapple bun',
  'Lemon tea',
  'Shampoo 400ml',
  'Toothpaste',
  'Rice 5kg',
  'Soy sauce',
  'Instant noodles x5',
  'Bottled water 1.5L',
  'Paper towels',
  'Vitamin C 60s',
  'Face mask 10s',
  'Hand cream',
  'Green tea',
  'Chocolate bar',
  'Potato chips',
  'Orange juice 1L',
  'Dish soap',
  'Batteries AA x4',
];
