/** Common Chinese surnames (roughly by frequency) and given-name characters, for demo data. */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '廖',
];
export const MALE_GIVEN = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩', '建国', '建华', '志强', '国庆', '德明', '文斌', '海涛', '俊杰', '子轩', '浩然', '宇航', '家豪', '永福', '光荣', '树林'];
export const FEMALE_GIVEN = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玉兰', '秀兰', '婷', '雪', '琳', '欣怡', '梓涵', '雨涵', '淑珍', '凤英', '春梅', '红梅', '晓燕', '丽华', '慧', '佳怡', '诗琪', '秀珍', '素芬', '美玲'];
export const ESTATE_NAMES = ['滨江花园', '天宫苑', '玉泉小区', '凯旋名城', '南津佳园', '明月小区', '涪江人家', '锦绣东城', '书院小区', '琼江花园'];
export const COMPANY_WORDS = ['宏达', '鑫源', '川中', '涪江', '金桥', '恒信', '华兴', '蜀韵', '瑞丰', '安泰', '嘉和', '锦程', '佳美', '永盛', '天府'];
export const COMPANY_KINDS = ['商贸有限公司', '建筑工程有限公司', '物业服务有限公司', '餐饮管理有限公司', '电子科技有限公司', '家政服务有限公司', '医药连锁有限公司', '食品有限公司'];
export const SHOP_KINDS = ['便利店', '理发店', '药房', '面馆', '水果店', '五金店', '早餐店', '干洗店', '快递驿站', '茶馆'];
export const EVENT_TITLES: { kind: 'grid_event' | 'repair' | 'complaint'; title: string }[] = [
  { kind: 'grid_event', title: '楼道堆放杂物影响消防通道' }, { kind: 'grid_event', title: '小区内车辆乱停放' }, { kind: 'grid_event', title: '独居老人多日未出门，需上门查看' },
  { kind: 'grid_event', title: '空置房屋门窗破损' }, { kind: 'grid_event', title: '流动摊贩占道经营' }, { kind: 'repair', title: '单元门禁无法开启' },
  { kind: 'repair', title: '楼道照明损坏' }, { kind: 'repair', title: '屋顶漏水' }, { kind: 'repair', title: '下水道堵塞' }, { kind: 'repair', title: '电梯异响' },
  { kind: 'complaint', title: '夜间施工噪音扰民' }, { kind: 'complaint', title: '餐馆油烟扰民' }, { kind: 'complaint', title: '垃圾清运不及时' },
];
