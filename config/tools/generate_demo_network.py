#!/usr/bin/env python3
"""Generate config/demo-network.json: the Changzhi (长治) demo monitoring network for Qingliu.

Deterministic (fixed seed, Python 3 standard library only): running it twice gives byte-identical output.

    python3 config/tools/generate_demo_network.py            # writes config/demo-network.json, prints counts
    python3 config/tools/generate_demo_network.py --out X    # write elsewhere

The devices of the real HJ 212 sample packets (/work/shared/data/hj212/samples.txt) are registered as stations
HJ-01... so those packets can be replayed. The samples file is parsed and CRC-checked when present; otherwise an
embedded snapshot of the same extraction is used (see HJ212_SNAPSHOT), so the output does not depend on it.

Everything here is schematic demo data: the river layout follows the real rivers of Changzhi, but coordinates,
lengths, villages, enterprises and devices are generated.
"""

import argparse
import json
import math
import os
import random
import sys
from pathlib import Path

SEED = 212_2017
KM_PER_UNIT = 0.15  # canvas units (1000 x 700, north up) to straight-line km
DEFAULT_SAMPLES = "/work/shared/data/hj212/samples.txt"
UPLOAD_CNS = ("2011", "2051", "2061", "2031", "2081")

# --------------------------------------------------------------------------------------------------------------
# Geography. Nodes are named places on the rivers; (x, y) on a 1000 x 700 canvas, north up (y grows southwards).
# A junction node is shared by the reaches meeting there, so a reach's path starts where its upstream ones end.
# --------------------------------------------------------------------------------------------------------------

COUNTIES = {
    "长子县": "Zhangzi", "屯留区": "Tunliu", "潞州区": "Luzhou", "潞城区": "Lucheng", "上党区": "Shangdang",
    "襄垣县": "Xiangyuan", "黎城县": "Licheng", "平顺县": "Pingshun", "沁源县": "Qinyuan", "武乡县": "Wuxiang",
    "沁县": "Qinxian", "壶关县": "Huguan",
}

# key: (Chinese name, English name, x, y, county)
NODES = {
    # 浊漳河南源: 发鸠山 (长子) north-east through 长子, 漳泽水库, 潞城 to 襄垣 甘村
    "fajiu": ("发鸠山", "Fajiu Mountain", 250, 615, "长子县"),
    "dabaotou": ("大堡头", "Dabaotou", 300, 578, "长子县"),
    "zhangzi": ("长子城关", "Zhangzi town", 345, 540, "长子县"),
    "nanzhang": ("南漳", "Nanzhang", 385, 505, "长子县"),
    "zhangze_in": ("漳泽水库库尾", "Zhangze Reservoir inlet", 425, 468, "屯留区"),
    "zhangze_dam": ("漳泽水库坝址", "Zhangze Reservoir dam", 455, 432, "潞州区"),
    "dianshang": ("店上", "Dianshang", 470, 400, "潞城区"),
    "beizhang": ("北张", "Beizhang", 482, 370, "潞城区"),
    "huangnian": ("黄碾", "Huangnian", 492, 330, "潞城区"),
    "beidi": ("北底", "Beidi", 508, 292, "襄垣县"),
    "gancun": ("甘村", "Gancun", 520, 260, "襄垣县"),
    # 浊漳河西源: 沁县 漳源 east through 后湾水库 and 虒亭
    "zhangyuan": ("漳源", "Zhangyuan", 215, 175, "沁县"),
    "qinxian": ("沁县城关", "Qinxian town", 285, 205, "沁县"),
    "houwan_in": ("后湾水库库尾", "Houwan Reservoir inlet", 345, 228, "襄垣县"),
    "houwan_dam": ("后湾水库坝址", "Houwan Reservoir dam", 390, 242, "襄垣县"),
    "siting": ("虒亭", "Siting", 450, 252, "襄垣县"),
    # 浊漳河北源: from the 榆社 boundary south through 关河水库 (武乡) to 合漳
    "yushe": ("榆社界", "Yushe boundary", 455, 30, "武乡县"),
    "guanhe_in": ("关河水库库尾", "Guanhe Reservoir inlet", 482, 85, "武乡县"),
    "guanhe_dam": ("关河水库坝址", "Guanhe Reservoir dam", 505, 120, "武乡县"),
    "guxian": ("故县", "Guxian", 545, 185, "武乡县"),
    "hezhang": ("合漳", "Hezhang", 585, 240, "襄垣县"),
    # 涅河 (tributary of the northern source) through 段村
    "shipan": ("石盘", "Shipan", 340, 95, "武乡县"),
    "duancun": ("段村", "Duancun", 420, 125, "武乡县"),
    "hongshui": ("洪水", "Hongshui", 480, 160, "武乡县"),
    # 浊漳河干流: 甘村 east through 潞城, 黎城, 平顺, leaving the city at 侯壁
    "xinanquan": ("辛安泉", "Xin'anquan", 650, 282, "潞城区"),
    "shiliang": ("石梁", "Shiliang", 715, 268, "潞城区"),
    "shangyao": ("上遥", "Shangyao", 770, 235, "黎城县"),
    "tinghepu": ("停河铺", "Tinghepu", 825, 268, "黎城县"),
    "beidanche": ("北耽车", "Beidanche", 868, 305, "平顺县"),
    "shicheng": ("石城", "Shicheng", 910, 340, "平顺县"),
    "houbi": ("侯壁", "Houbi", 975, 392, "平顺县"),
    # 沁河: 沁源 in the west, flowing south out of the city
    "erlang": ("二郎神沟", "Erlangshen Gully", 95, 40, "沁源县"),
    "fazhong": ("法中", "Fazhong", 110, 135, "沁源县"),
    "qinyuan": ("沁源城关", "Qinyuan town", 125, 230, "沁源县"),
    "guodao": ("郭道", "Guodao", 140, 330, "沁源县"),
    "zhongyu": ("中峪", "Zhongyu", 152, 430, "沁源县"),
    "jiaokou": ("交口", "Jiaokou", 160, 530, "沁源县"),
    "kongjiapo": ("孔家坡", "Kongjiapo", 172, 640, "沁源县"),
    # 绛河 (屯留) into the southern source at 店上
    "laoye": ("老爷山", "Laoye Mountain", 240, 365, "屯留区"),
    "tunliu": ("屯留城关", "Tunliu town", 360, 388, "屯留区"),
    # 陶清河 from 壶关 north through 上党 and the city into the southern source at 北张
    "shuzhang": ("树掌", "Shuzhang", 655, 615, "壶关县"),
    "handian": ("韩店", "Handian", 598, 540, "上党区"),
    "chengqu": ("长治城区", "Changzhi urban area", 545, 462, "潞州区"),
    # 岚水河 (长子) into the southern source at 长子城关
    "fangtou": ("房头", "Fangtou", 195, 495, "长子县"),
    "shizhe": ("石哲", "Shizhe", 270, 525, "长子县"),
}

# (id, name, nameEn, node chain, default class, velocity range m/s)
RIVERS = [
    ("zz-south", "浊漳河南源", "Zhuozhang River (south source)",
     ["fajiu", "dabaotou", "zhangzi", "nanzhang", "zhangze_in", "zhangze_dam", "dianshang", "beizhang",
      "huangnian", "beidi", "gancun"], 3, (0.35, 0.75)),
    ("zz-west", "浊漳河西源", "Zhuozhang River (west source)",
     ["zhangyuan", "qinxian", "houwan_in", "houwan_dam", "siting", "gancun"], 3, (0.3, 0.65)),
    ("zz-north", "浊漳河北源", "Zhuozhang River (north source)",
     ["yushe", "guanhe_in", "guanhe_dam", "guxian", "hezhang"], 3, (0.3, 0.7)),
    ("zz-main", "浊漳河干流", "Zhuozhang River (main stem)",
     ["gancun", "hezhang", "xinanquan", "shiliang", "shangyao", "tinghepu", "beidanche", "shicheng", "houbi"],
     3, (0.6, 1.15)),
    ("qin", "沁河", "Qin River",
     ["erlang", "fazhong", "qinyuan", "guodao", "zhongyu", "jiaokou", "kongjiapo"], 3, (0.4, 0.95)),
    ("jiang", "绛河", "Jiang River", ["laoye", "tunliu", "dianshang"], 3, (0.25, 0.5)),
    ("taoqing", "陶清河", "Taoqing River", ["shuzhang", "handian", "chengqu", "beizhang"], 3, (0.2, 0.45)),
    ("lanshui", "岚水河", "Lanshui River", ["fangtou", "shizhe", "zhangzi"], 3, (0.25, 0.5)),
    ("nie", "涅河", "Nie River", ["shipan", "duancun", "hongshui", "guxian"], 3, (0.25, 0.55)),
]

# Reservoir reaches: (river id, start node) -> (Chinese, English). Stations on them are "lake" stations.
RESERVOIRS = {
    ("zz-south", "zhangze_in"): ("漳泽水库", "Zhangze Reservoir"),
    ("zz-west", "houwan_in"): ("后湾水库", "Houwan Reservoir"),
    ("zz-north", "guanhe_in"): ("关河水库", "Guanhe Reservoir"),
}
RESERVOIR_VELOCITY = 0.2

# GB 3838 target class per reach, keyed by (river, start node); everything else takes the river default.
REACH_CLASS = {
    ("zz-south", "fajiu"): 2, ("zz-west", "zhangyuan"): 2, ("zz-north", "yushe"): 2, ("nie", "shipan"): 2,
    ("qin", "erlang"): 2, ("qin", "fazhong"): 2, ("qin", "qinyuan"): 2, ("jiang", "laoye"): 2,
    ("lanshui", "fangtou"): 2, ("taoqing", "shuzhang"): 2, ("zz-main", "hezhang"): 2,
    ("taoqing", "chengqu"): 4, ("jiang", "tunliu"): 4,
}

# Industrial weight for placing enterprises (0 = none); keyed like REACH_CLASS, default 1.
REACH_INDUSTRY = {
    ("zz-south", "zhangze_in"): 0, ("zz-west", "houwan_in"): 0, ("zz-north", "guanhe_in"): 0,
    ("zz-south", "fajiu"): 0.3, ("zz-west", "zhangyuan"): 0.4, ("zz-north", "yushe"): 0.4, ("qin", "erlang"): 0.3,
    ("zz-main", "hezhang"): 0.5,
    ("zz-south", "zhangzi"): 2.5, ("zz-south", "nanzhang"): 2, ("zz-south", "zhangze_dam"): 2.5,
    ("zz-south", "dianshang"): 2, ("zz-south", "huangnian"): 2.5, ("zz-south", "beidi"): 2.5,
    ("taoqing", "handian"): 3, ("taoqing", "chengqu"): 3.5, ("jiang", "tunliu"): 3,
    ("zz-main", "xinanquan"): 2.5, ("zz-main", "gancun"): 2, ("zz-west", "siting"): 2,
    ("qin", "qinyuan"): 2, ("qin", "guodao"): 2, ("nie", "duancun"): 2,
}

# --------------------------------------------------------------------------------------------------------------
# Name material (with pinyin for the English names)
# --------------------------------------------------------------------------------------------------------------

V_FIRST = [("东", "Dong"), ("西", "Xi"), ("南", "Nan"), ("北", "Bei"), ("上", "Shang"), ("下", "Xia"),
           ("大", "Da"), ("小", "Xiao"), ("前", "Qian"), ("后", "Hou"), ("中", "Zhong"), ("高", "Gao"),
           ("石", "Shi"), ("柳", "Liu"), ("杨", "Yang"), ("桑", "Sang"), ("河", "He"), ("新", "Xin"),
           ("古", "Gu"), ("马", "Ma"), ("崔", "Cui"), ("韩", "Han"), ("申", "Shen"), ("鲍", "Bao")]
V_SECOND = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("赵", "zhao"), ("郭", "guo"), ("常", "chang"),
            ("贾", "jia"), ("秦", "qin"), ("宋", "song"), ("苏", "su"), ("牛", "niu"), ("庞", "pang"),
            ("程", "cheng"), ("史", "shi"), ("卢", "lu"), ("司", "si"), ("桥", "qiao"), ("沟", "gou"),
            ("坪", "ping"), ("泉", "quan"), ("家", "jia"), ("陈", "chen"), ("吕", "lü"), ("董", "dong")]
V_SUFFIX = [("村", "cun"), ("庄", "zhuang"), ("堡", "bao"), ("峪", "yu"), ("坡", "po"), ("头", "tou"),
            ("寨", "zhai"), ("营", "ying"), ("岭", "ling"), ("河", "he"), ("掌", "zhang"), ("底", "di")]
# micro-station site types: (Chinese, English, weight)
SITE_TYPES = [("桥", "Bridge", 5), ("村断面", "Village section", 3), ("闸", "Sluice", 1), ("渡口", "Ferry", 1)]

TRADE_NAMES = [("鑫源", "Xinyuan"), ("宏达", "Hongda"), ("恒泰", "Hengtai"), ("瑞丰", "Ruifeng"),
               ("金鼎", "Jinding"), ("天泽", "Tianze"), ("永昌", "Yongchang"), ("兴盛", "Xingsheng"),
               ("华源", "Huayuan"), ("泰和", "Taihe"), ("晋丰", "Jinfeng"), ("康宁", "Kangning"),
               ("裕隆", "Yulong"), ("顺达", "Shunda"), ("汇通", "Huitong"), ("安泰", "Antai"),
               ("德润", "Derun"), ("富强", "Fuqiang"), ("宏泰", "Hongtai"), ("嘉禾", "Jiahe"),
               ("利民", "Limin"), ("三晋", "Sanjin"), ("太行", "Taihang"), ("长兴", "Changxing"),
               ("盛达", "Shengda"), ("鼎盛", "Dingsheng"), ("中联", "Zhonglian"), ("恒信", "Hengxin"),
               ("晋东", "Jindong"), ("漳源", "Zhangyuan"), ("华盛", "Huasheng"), ("正泰", "Zhengtai"),
               ("宝丰", "Baofeng"), ("兆丰", "Zhaofeng"), ("聚源", "Juyuan"), ("金泉", "Jinquan")]

# industry key -> (count, Chinese suffixes, English suffixes, permit limits mg/L, preferred rivers)
# Limits follow the national sector standards' direct-discharge rows (GB 16171 coking, GB 20426 coal,
# GB 31571 chemicals, GB 21904 pharmaceuticals, GB 13456 steel, GB 3544 paper, GB 8978 class 1 food,
# GB 27631 brewing,
# GB 4287 dyeing, GB 18918 1-A municipal, GB 21900 plating, GB 30486 leather), rounded for the demo.
INDUSTRIES = {
    "coal": (36, [("煤业有限公司", "Coal Industry Co., Ltd."), ("洗煤有限公司", "Coal Washing Co., Ltd.")],
             {"cod": 50, "nh3n": 5, "tp": 0.5, "tn": 15}, ["qin", "zz-west", "zz-north", "nie", "zz-south", "jiang"]),
    "coking": (22, [("焦化有限公司", "Coking Co., Ltd."), ("焦化集团有限公司", "Coking Group Co., Ltd.")],
               {"cod": 80, "nh3n": 10, "tp": 1.0, "tn": 20}, ["zz-south", "zz-main", "jiang", "taoqing", "zz-west"]),
    "chemicals": (17, [("化工有限公司", "Chemical Co., Ltd."), ("煤化工有限公司", "Coal Chemical Co., Ltd.")],
                 {"cod": 60, "nh3n": 8, "tp": 1.0, "tn": 40}, ["zz-south", "zz-main", "taoqing", "jiang"]),
    "pharmaceutical": (10, [("制药有限公司", "Pharmaceutical Co., Ltd."), ("药业有限公司", "Pharma Co., Ltd.")],
                       {"cod": 120, "nh3n": 25, "tp": 1.0, "tn": 35}, ["taoqing", "zz-south", "jiang"]),
    "steel": (8, [("钢铁有限公司", "Iron & Steel Co., Ltd."), ("特钢有限公司", "Special Steel Co., Ltd.")],
              {"cod": 50, "nh3n": 5, "tp": 0.5, "tn": 15}, ["zz-main", "taoqing", "zz-south"]),
    "power": (10, [("发电有限公司", "Power Generation Co., Ltd."), ("热电有限公司", "Thermal Power Co., Ltd.")],
              {"cod": 50, "nh3n": 5, "tp": 0.5, "tn": 15}, ["zz-south", "zz-main", "zz-west", "qin"]),
    "paper": (5, [("纸业有限公司", "Paper Co., Ltd.")],
              {"cod": 80, "nh3n": 8, "tp": 0.8, "tn": 12}, ["zz-south", "zz-main", "jiang"]),
    "food": (7, [("食品有限公司", "Food Co., Ltd."), ("肉制品有限公司", "Meat Products Co., Ltd."),
                 ("乳业有限公司", "Dairy Co., Ltd.")],
             {"cod": 100, "nh3n": 15, "tp": 0.5}, ["zz-south", "taoqing", "lanshui", "zz-west", "zz-main"]),
    "brewing": (5, [("酿造有限公司", "Brewing Co., Ltd."), ("酒业有限公司", "Distillery Co., Ltd."),
                    ("醋业有限公司", "Vinegar Co., Ltd.")],
                {"cod": 100, "nh3n": 10, "tp": 1.0, "tn": 20}, ["zz-south", "taoqing", "lanshui", "jiang", "qin"]),
    "textile": (6, [("印染有限公司", "Printing & Dyeing Co., Ltd."), ("纺织印染有限公司", "Textile Dyeing Co., Ltd.")],
                {"cod": 80, "nh3n": 10, "tp": 0.5, "tn": 15}, ["taoqing", "zz-south", "jiang"]),
    "electroplating": (8, [("电镀有限公司", "Electroplating Co., Ltd."), ("表面处理有限公司",
                                                                  "Surface Treatment Co., Ltd.")],
                       {"cod": 80, "nh3n": 15, "tp": 1.0, "tn": 20}, ["taoqing", "zz-south", "zz-main"]),
    "leather": (4, [("皮革有限公司", "Leather Co., Ltd.")],
                {"cod": 100, "nh3n": 25, "tp": 1.0, "tn": 50}, ["zz-south", "jiang", "taoqing"]),
}
WWTP_LIMITS = {"cod": 50, "nh3n": 5, "tp": 0.5, "tn": 15}          # GB 18918 class 1-A
WWTP_STRICT_LIMITS = {"cod": 30, "nh3n": 1.5, "tp": 0.3, "tn": 10}  # quasi-class-IV upgrade (city plants)
# Municipal plants: (Chinese, English, river, reach start node, strict?)
WWTPS = [
    ("长治市主城区污水处理厂", "Changzhi Main Urban WWTP", "taoqing", "chengqu", True),
    ("长治市城北污水处理厂", "Changzhi North WWTP", "zz-south", "zhangze_dam", True),
    ("长治市城南污水处理厂", "Changzhi South WWTP", "taoqing", "handian", True),
    ("长子县城镇污水处理厂", "Zhangzi County WWTP", "zz-south", "zhangzi", False),
    ("屯留区城镇污水处理厂", "Tunliu District WWTP", "jiang", "tunliu", False),
    ("潞城区城镇污水处理厂", "Lucheng District WWTP", "zz-main", "hezhang", False),
    ("上党区城镇污水处理厂", "Shangdang District WWTP", "taoqing", "shuzhang", False),
    ("襄垣县城镇污水处理厂", "Xiangyuan County WWTP", "zz-south", "beidi", False),
    ("黎城县城镇污水处理厂", "Licheng County WWTP", "zz-main", "shangyao", False),
    ("平顺县城镇污水处理厂", "Pingshun County WWTP", "zz-main", "beidanche", False),
    ("沁源县城镇污水处理厂", "Qinyuan County WWTP", "qin", "qinyuan", False),
    ("武乡县城镇污水处理厂", "Wuxiang County WWTP", "nie", "duancun", False),
    ("沁县城镇污水处理厂", "Qinxian County WWTP", "zz-west", "qinxian", False),
    ("壶关县城镇污水处理厂", "Huguan County WWTP", "taoqing", "shuzhang", False),
    ("郭道镇污水处理站", "Guodao Town Sewage Station", "qin", "guodao", False),
    ("店上镇污水处理站", "Dianshang Town Sewage Station", "zz-south", "dianshang", False),
]

# National assessment sections (国考断面): (node named after, river, reach start node, at "start"|"end", class)
NATIONAL = [
    ("zhangze_dam", "zz-south", "zhangze_in", "end", 3),
    ("dianshang", "jiang", "tunliu", "end", 4),
    ("beizhang", "taoqing", "chengqu", "end", 4),
    ("gancun", "zz-south", "beidi", "end", 3),
    ("houwan_dam", "zz-west", "houwan_in", "end", 3),
    ("hezhang", "zz-north", "guxian", "end", 3),
    ("xinanquan", "zz-main", "hezhang", "end", 2),
    ("shiliang", "zz-main", "xinanquan", "end", 3),
    ("houbi", "zz-main", "shicheng", "end", 3),
    ("guodao", "qin", "qinyuan", "end", 2),
    ("kongjiapo", "qin", "jiaokou", "end", 2),
]

# Fluorescence-fingerprint tracing stations: (Chinese, English, river, reach start node, fraction along reach)
FINGERPRINT = [
    ("漳泽入库", "Zhangze inflow", "zz-south", "nanzhang", 0.85),
    ("长治城区下游", "Changzhi urban downstream", "taoqing", "chengqu", 0.35),
    ("屯留城关下游", "Tunliu town downstream", "jiang", "tunliu", 0.4),
    ("黄碾", "Huangnian", "zz-south", "huangnian", 0.5),
    ("合漳下游", "Hezhang downstream", "zz-main", "hezhang", 0.45),
    ("石城", "Shicheng", "zz-main", "shicheng", 0.3),
    ("沁源城关下游", "Qinyuan town downstream", "qin", "qinyuan", 0.4),
]

MICRO_COUNT = 115
GENERATED_ENTERPRISES = 154  # + one per HJ 212 outfall device
CAMERA_ENTERPRISES = 60
CAMERA_TOTAL = 172

BASE_PARAMS = ["ph", "do", "temp", "cond", "turb"]
NATIONAL_PARAMS = BASE_PARAMS + ["codmn", "nh3n", "tp", "tn"]
OUTFALL_PARAMS = ["cod", "nh3n", "tp", "tn", "ph", "flow"]
MICRO_EXTRAS = [(["nh3n", "codmn", "tp"], 40), (["nh3n", "codmn"], 25), (["nh3n", "tp"], 15),
                (["codmn", "tp"], 8), (["nh3n"], 12)]

# --------------------------------------------------------------------------------------------------------------
# HJ 212 sample devices
# --------------------------------------------------------------------------------------------------------------

# Snapshot of what parse_hj212_samples() extracts from samples.txt (used only when that file is absent):
# (MN, PW of its first valid upload packet, STs in order of appearance, packet labels, pollutant codes sent)
HJ212_SNAPSHOT = [
    ("ZLDSZ20210127", "123456", ["21"], ["2"],
     ["w01001", "w01003", "w01008", "w01009", "w01010", "w01014", "w01019", "w21001", "w21003", "w21011", "w23002"]),
    ("NM100000_0005", "123456", ["21"], ["3"],
     ["w01001", "w01003", "w01009", "w01010", "w01014", "w01019", "w20115", "w20119", "w20120", "w20122", "w21001",
      "w21003", "w21011", "w21016", "w23002"]),
    ("81733553213013", "123456", ["32"], ["4"], ["w00000", "w01001", "w01018", "w21001", "w21003", "w21011"]),
    ("chang000003", "123456", ["21"], ["5"],
     ["w01001", "w01003", "w01006", "w01010", "w01014", "w01019", "w21003", "w21011"]),
    ("DM000001", "123456", ["21", "32"], ["6", "7", "8"],
     ["w01001", "w01003", "w01006", "w01010", "w01014", "w01019", "w21003", "w21011"]),
    ("LD130133000015", "123456", ["32"], ["9", "10"], ["011", "060", "B01"]),
    ("010000A8900016F000169DC0", "123456", ["22", "32"], ["14", "15", "C1", "C3", "C4"],
     ["w00000", "w01001", "w01008", "w01018"]),
    ("JLYP01_AIR01_0001", "123456", ["22"], ["16"],
     ["a01001", "a01002", "a01006", "a01007", "a01008", "a05024", "a21004", "a21005", "a21026", "a34002",
      "a34004"]),
    ("Z13401000010301", "BF470F88957588DE902D1A52", ["22"], ["17"],
     ["a34006", "a34007", "a34047", "a34048", "a34049"]),
    ("41050022000017", "123456", ["101"], ["18"], ["a34009", "a34010", "ua19003", "ua19004", "ua19005"]),
]

# Where each device goes, by MN: (Chinese place, English place, river, reach start node, fraction along the reach).
# Outfall devices get an enterprise of their own (HJ212_OUTFALL_ENTERPRISE) and are placed like the generated
# enterprises (fraction unused), with a river station a short way below.
HJ212_PLACEMENT = {
    "ZLDSZ20210127": ("虒亭下游", "Siting downstream", "zz-west", "siting", 0.55),
    "NM100000_0005": ("上遥", "Shangyao", "zz-main", "shiliang", 0.9),
    "81733553213013": ("长治市城东污水处理厂", "Changzhi East WWTP", "taoqing", "chengqu", None),
    "chang000003": ("南漳", "Nanzhang", "zz-south", "zhangzi", 0.95),
    "DM000001": ("关河水库下游", "Guanhe Reservoir downstream", "zz-north", "guanhe_dam", 0.35),
    "LD130133000015": ("焦化", "coking", "zz-south", "huangnian", None),
    "010000A8900016F000169DC0": ("化工", "chemical", "zz-south", "dianshang", None),
    "JLYP01_AIR01_0001": ("交口", "Jiaokou", "qin", "zhongyu", 0.7),
    "Z13401000010301": ("段村", "Duancun", "nie", "duancun", 0.3),
    "41050022000017": ("石哲", "Shizhe", "lanshui", "shizhe", 0.25),
}
HJ212_OUTFALL_ENTERPRISE = {
    # MN: (industry, Chinese name, English name)
    "81733553213013": ("wwtp", "长治市城东污水处理厂", "Changzhi East WWTP"),
    "LD130133000015": ("coking", "长治市晋宏焦化有限公司", "Changzhi Jinhong Coking Co., Ltd."),
    "010000A8900016F000169DC0": ("chemicals", "长治市漳北化工有限公司", "Changzhi Zhangbei Chemical Co., Ltd."),
}
# Units a device sends where they differ from HJ 212-2017 Table B.1 (hj212.units, read by the loader).
# #3 (XwjAccout/xmmems) sends Pb/As/Cd such as w20120=0.00011, which can only be mg/L (the default is ug/L).
HJ212_UNITS = {
    "NM100000_0005": {"w20115": "mg/L", "w20119": "mg/L", "w20120": "mg/L"},
}
# Pollutant codes onto parameter keys: HJ 212-2017 codes and the 2005 edition's three-digit ones.
HJ212_CODES = {
    "w01001": "ph", "w01009": "do", "w01010": "temp", "w01014": "cond", "w01003": "turb", "w01019": "codmn",
    "w01018": "cod", "w01017": "bod5", "w01020": "toc", "w21003": "nh3n", "w21011": "tp", "w21001": "tn",
    "w00000": "flow", "w01016": "chla", "w20122": "cu", "w20123": "zn", "w20111": "hg", "w20115": "cd",
    "w20117": "cr6", "w20119": "as", "w20120": "pb", "w20128": "se",
    "001": "ph", "011": "cod", "015": "toc", "060": "nh3n", "065": "tn", "101": "tp", "B01": "flow",
}
PARAM_ORDER = ["ph", "do", "temp", "cond", "turb", "codmn", "cod", "bod5", "toc", "nh3n", "tp", "tn", "flow", "chla",
               "cu", "zn", "hg", "cd", "cr6", "as", "pb", "se"]


def hj212_crc(data: bytes) -> int:
    """HJ 212-2017 Appendix A CRC (not CRC-16/MODBUS)."""
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ b
        for _ in range(8):
            carry = crc & 1
            crc >>= 1
            if carry:
                crc ^= 0xA001
    return crc


def parse_hj212_samples(path):
    """Distinct MNs of valid (length + CRC) station-upload packets, in file order, as HJ212_SNAPSHOT rows."""
    devices = {}
    label = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if line.startswith("## ["):
                label = line[4:line.index("]")]
                continue
            if not line.startswith("##") or line.startswith("###") or len(line) < 10 or not line[2:6].isdigit():
                continue
            n = int(line[2:6])
            data, crc = line[6:6 + n], line[6 + n:]
            if len(data) != n or len(crc) != 4 or int(crc, 16) != hj212_crc(data.encode("utf-8")):
                continue
            header, _, cp = data.partition("CP=&&")
            fields = dict(kv.split("=", 1) for kv in header.split(";") if "=" in kv)
            if fields.get("CN") not in UPLOAD_CNS or "MN" not in fields:
                continue
            mn = fields["MN"]
            if mn not in devices:
                devices[mn] = (mn, fields.get("PW", ""), [], [], [])
            d = devices[mn]
            if fields.get("ST") not in d[2]:
                d[2].append(fields.get("ST"))
            d[3].append(label)
            for item in cp.rstrip("&").replace(",", ";").split(";"):
                key = item.split("=", 1)[0]
                if "-" in key and key.split("-", 1)[0] not in d[4]:
                    d[4].append(key.split("-", 1)[0])
    for d in devices.values():
        d[4].sort()
    return list(devices.values())


def hj212_kind(sts):
    """national for surface water (ST=21), outfall for wastewater (ST=32), by the first water ST; else micro."""
    for st in sts:
        if st == "21":
            return "national"
        if st == "32":
            return "outfall"
    return "micro"


def hj212_params(default, codes):
    """The kind's default parameters plus every parameter the device's packets carry, in canonical order."""
    keys = set(default) | {HJ212_CODES[c] for c in codes if c in HJ212_CODES}
    return [k for k in PARAM_ORDER if k in keys]


# --------------------------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------------------------

def r1(v):
    return round(v + 0.0, 1)


def poly_len(path):
    return sum(math.dist(path[i], path[i + 1]) for i in range(len(path) - 1))


def point_at(path, frac):
    """The point at fraction frac of the polyline's drawn length."""
    target = poly_len(path) * frac
    for i in range(len(path) - 1):
        seg = math.dist(path[i], path[i + 1])
        if target <= seg or i == len(path) - 2:
            t = 0 if seg == 0 else min(1.0, target / seg)
            return [r1(path[i][0] + (path[i + 1][0] - path[i][0]) * t),
                    r1(path[i][1] + (path[i + 1][1] - path[i][1]) * t)]
        target -= seg
    return list(path[-1])


# --------------------------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------------------------

class Builder:
    def __init__(self, samples_path):
        self.rng = random.Random(SEED)
        self.samples_path = samples_path
        self.rivers = []
        self.reaches = []
        self.reach_by_key = {}   # (river, start node) -> reach dict
        self.reach_meta = {}     # reach id -> dict(county, cls, reservoir, start, end)
        self.used_names = set()
        self.micro, self.national, self.fingerprint, self.outfall, self.hj = [], [], [], [], []
        self.enterprises = []
        self.cameras = []
        self.hj_source = None
        self.devices = []
        self.hj_slots = []
        self.micro_sites = []

    # ---- reaches ----
    def build_reaches(self):
        rng = self.rng
        n = 0
        for rid, name, name_en, chain, default_cls, (vmin, vmax) in RIVERS:
            self.rivers.append({"id": rid, "name": name, "nameEn": name_en})
            for i in range(len(chain) - 1):
                a, b = NODES[chain[i]], NODES[chain[i + 1]]
                n += 1
                reach_id = "R%03d" % n
                start, end = (a[2], a[3]), (b[2], b[3])
                straight = math.dist(start, end)
                # wiggle: interior points offset perpendicular to the chord
                k = max(1, min(3, int(straight // 35)))
                dx, dy = (end[0] - start[0]) / straight, (end[1] - start[1]) / straight
                path = [[float(start[0]), float(start[1])]]
                for j in range(1, k + 1):
                    t = j / (k + 1) + rng.uniform(-0.06, 0.06)
                    off = rng.uniform(-6.5, 6.5)
                    path.append([r1(start[0] + (end[0] - start[0]) * t - dy * off),
                                 r1(start[1] + (end[1] - start[1]) * t + dx * off)])
                path.append([float(end[0]), float(end[1])])
                key = (rid, chain[i])
                reservoir = RESERVOIRS.get(key)
                sinuosity = 1.1 if reservoir else rng.uniform(1.15, 1.4)
                length = r1(max(3.0, min(25.0, poly_len(path) * KM_PER_UNIT * sinuosity)))
                if reservoir:
                    velocity = RESERVOIR_VELOCITY
                    rname = "%s %s库区段" % (name, reservoir[0])
                else:
                    velocity = round(rng.uniform(vmin, vmax), 2)
                    rname = "%s %s—%s段" % (name, a[0], b[0])
                reach = {"id": reach_id, "river": rid, "name": rname, "downstream": None,
                         "lengthKm": length, "velocityMps": velocity, "path": path}
                self.reaches.append(reach)
                self.reach_by_key[key] = reach
                self.reach_meta[reach_id] = {
                    "county": a[4], "cls": REACH_CLASS.get(key, default_cls), "reservoir": reservoir,
                    "start": chain[i], "end": chain[i + 1], "river": rid, "industry": REACH_INDUSTRY.get(key, 1.0)}
        # downstream: next reach of the river, or the reach of another river starting at this river's last node
        starts = {}
        for r in self.reaches:
            starts.setdefault(self.reach_meta[r["id"]]["start"], []).append(r)
        for r in self.reaches:
            m = self.reach_meta[r["id"]]
            nxt = [x for x in starts.get(m["end"], []) if x is not r]
            same = [x for x in nxt if x["river"] == r["river"]]
            pick = same or nxt
            assert len(pick) <= 1, r["id"]
            r["downstream"] = pick[0]["id"] if pick else None

    def reach(self, river, start):
        return self.reach_by_key[(river, start)]

    def place(self, reach, km):
        km = r1(min(max(km, 0.0), reach["lengthKm"]))
        x, y = point_at(reach["path"], km / reach["lengthKm"])
        return km, x, y

    def water_body(self, reach):
        return "lake" if self.reach_meta[reach["id"]]["reservoir"] else "river"

    # ---- names ----
    def village(self):
        for _ in range(1000):
            a, b, c = self.rng.choice(V_FIRST), self.rng.choice(V_SECOND), self.rng.choice(V_SUFFIX)
            if a[0] == b[0] or b[0] == c[0]:
                continue
            zh = a[0] + b[0] + c[0]
            if zh in self.used_names:
                continue
            self.used_names.add(zh)
            return zh, a[1] + b[1] + c[1]
        raise RuntimeError("out of village names")

    def weighted(self, items):
        total = sum(w for _, w in items)
        x = self.rng.uniform(0, total)
        for item, w in items:
            x -= w
            if x <= 0:
                return item
        return items[-1][0]

    # ---- stations ----
    def station(self, sid, name, name_en, kind, reach, km, target, params, interval, extra=None, limits=None):
        km, x, y = self.place(reach, km)
        s = {"id": sid, "name": name, "nameEn": name_en, "kind": kind, "reach": reach["id"], "km": km,
             "targetClass": target}
        if limits is not None:
            s["limits"] = dict(limits)
        s.update({"waterBody": "effluent" if kind == "outfall" else self.water_body(reach),
                  "intervalSeconds": interval, "secret": "demo-" + sid.lower(), "parameters": list(params),
                  "x": x, "y": y})
        if extra:
            s.update(extra)
        return s

    # ---- fixed river stations ----
    def build_national(self):
        for i, (node, river, start, at, cls) in enumerate(NATIONAL, 1):
            r = self.reach(river, start)
            zh, en = NODES[node][0], NODES[node][1]
            km = r["lengthKm"] - 0.4 if at == "end" else 0.4
            params = NATIONAL_PARAMS
            if self.reach_meta[r["id"]]["reservoir"]:
                zh, en = self.reach_meta[r["id"]]["reservoir"][0] + "出口", self.reach_meta[r["id"]]["reservoir"][1] + " outlet"
                params = NATIONAL_PARAMS + ["chla"]
            self.national.append(self.station("NS-%02d" % i, zh + "断面", en + " national section", "national", r, km,
                                              cls, params, 300))

    def build_fingerprint(self):
        for i, (zh, en, river, start, frac) in enumerate(FINGERPRINT, 1):
            r = self.reach(river, start)
            self.fingerprint.append(self.station("FP-%02d" % i, zh + "荧光指纹溯源站",
                                                 en + " fluorescence-fingerprint station", "fingerprint", r,
                                                 r["lengthKm"] * frac, 3, BASE_PARAMS, 60))

    def load_hj212(self):
        if self.samples_path and os.path.exists(self.samples_path):
            self.devices = parse_hj212_samples(self.samples_path)
            self.hj_source = self.samples_path
        else:
            self.devices = [tuple(d) for d in HJ212_SNAPSHOT]
            self.hj_source = "embedded snapshot"
        for mn, *_ in self.devices:
            if mn not in HJ212_PLACEMENT:
                raise SystemExit("HJ 212 device %s has no placement in HJ212_PLACEMENT; add one" % mn)

    def hj_extra(self, mn, pw):
        hj = {"mn": mn, "pw": pw}
        if mn in HJ212_UNITS:
            hj["units"] = dict(HJ212_UNITS[mn])
        return {"hj212": hj}

    def build_hj212_river(self):
        """HJ 212 devices that are river stations (national, micro); outfall devices come with the enterprises."""
        tag_zh, tag_en = "（HJ 212 样例设备）", " (HJ 212 sample device)"
        self.hj_slots = [None] * len(self.devices)
        for i, (mn, pw, sts, labels, codes) in enumerate(self.devices):
            kind = hj212_kind(sts)
            if kind == "outfall":
                continue
            sid = "HJ-%02d" % (i + 1)
            zh, en, river, start, frac = HJ212_PLACEMENT[mn]
            r = self.reach(river, start)
            km = r["lengthKm"] * frac
            cls = self.reach_meta[r["id"]]["cls"]
            if kind == "national":
                st = self.station(sid, zh + "断面" + tag_zh, en + " national section" + tag_en, "national", r, km, cls,
                                  hj212_params(NATIONAL_PARAMS, codes), 300, extra=self.hj_extra(mn, pw))
            else:
                st = self.station(sid, zh + "微站" + tag_zh, en + " micro-station" + tag_en, "micro", r, km, cls,
                                  hj212_params(BASE_PARAMS + ["nh3n", "codmn", "tp"], codes), 60,
                                  extra=self.hj_extra(mn, pw))
            self.hj_slots[i] = st

    def river_stations_on(self, reach_id):
        fixed = self.national + self.fingerprint + [s for s in self.hj_slots if s is not None]
        return sorted(s["km"] for s in fixed if s["reach"] == reach_id)

    # ---- enterprises, each with a river station 0.5-3 km below it ----
    def enterprise_jobs(self):
        """(industry, zh, en, reach, limits, (outfall zh, en), hj device index or None), in enterprise id order."""
        rng = self.rng
        cap = {r["id"]: 0 if self.reach_meta[r["id"]]["industry"] <= 0 else 3 * int((r["lengthKm"] - 0.4) / 1.8)
               for r in self.reaches}
        jobs = []
        for zh, en, river, start, strict in WWTPS:
            r = self.reach(river, start)
            cap[r["id"]] -= 1
            jobs.append(("wwtp", zh, en, r, WWTP_STRICT_LIMITS if strict else WWTP_LIMITS,
                         ("尾水排放口", "effluent outfall"), None))
        hj_jobs = []
        for i, (mn, pw, sts, labels, codes) in enumerate(self.devices):
            if hj212_kind(sts) == "outfall":
                ind, ezh, een = HJ212_OUTFALL_ENTERPRISE[mn]
                r = self.reach(HJ212_PLACEMENT[mn][2], HJ212_PLACEMENT[mn][3])
                cap[r["id"]] -= 1
                limits = WWTP_LIMITS if ind == "wwtp" else INDUSTRIES[ind][2]
                of = ("尾水排放口", "effluent outfall") if ind == "wwtp" else ("总排口", "main outfall")
                hj_jobs.append((ind, ezh, een, r, limits, of, i))
        used = set(j[1] for j in jobs + hj_jobs)
        industry_jobs = []
        for ind, (count, suffixes, limits, rivers) in INDUSTRIES.items():
            for _ in range(count):
                industry_jobs.append((ind, suffixes, limits, rivers))
        rng.shuffle(industry_jobs)
        for ind, suffixes, limits, rivers in industry_jobs:
            cands = []
            for rank, rv in enumerate(rivers):
                for r in self.reaches:
                    m = self.reach_meta[r["id"]]
                    if r["river"] == rv and m["industry"] > 0 and cap[r["id"]] > 0:
                        cands.append((r, m["industry"] * r["lengthKm"] / (1 + 0.35 * rank)))
            r = self.weighted(cands)
            cap[r["id"]] -= 1
            county = self.reach_meta[r["id"]]["county"]
            prefix, prefix_en = (("长治市", "Changzhi") if county.endswith("区") else (county, COUNTIES[county]))
            for _ in range(1000):
                trade = rng.choice(TRADE_NAMES)
                suffix = rng.choice(suffixes)
                zh = prefix + trade[0] + suffix[0]
                if zh not in used:
                    break
            used.add(zh)
            jobs.append((ind, zh, "%s %s %s" % (prefix_en, trade[1], suffix[1]), r, limits, ("总排口", "main outfall"),
                         None))
        # mix municipal plants into the list so that the first enterprises span industries
        wwtp_jobs, other = jobs[:len(WWTPS)], jobs[len(WWTPS):]
        order = []
        step = len(other) // len(wwtp_jobs)
        for i, w in enumerate(wwtp_jobs):
            order.extend(other[i * step:(i + 1) * step])
            order.append(w)
        order.extend(other[len(wwtp_jobs) * step:])
        assert len(order) == GENERATED_ENTERPRISES, len(order)
        return order + hj_jobs

    def layout_reach(self, r, n):
        """km of n outfalls on reach r in clusters of 1-3, each cluster followed 0.5-3 km below by a new micro-station.
        Returns (sorted enterprise kms, micro kms)."""
        rng = self.rng
        L = r["lengthKm"]
        fixed = self.river_stations_on(r["id"])
        cmin, cmax = -(-n // 3), max(1, min(n, int((L - 0.4) / 1.8)))
        assert cmin <= cmax, (r["id"], n, L)
        for _ in range(2000):
            c = max(cmin, min(cmax, int(round(n / 2.0 + rng.uniform(-0.6, 0.9)))))
            sizes = [1] * c
            for _ in range(n - c):
                sizes[rng.choice([k for k in range(c) if sizes[k] < 3])] += 1
            slot = (L - 0.3) / c
            ents, micros = [], []
            for i, size in enumerate(sizes):
                lo = 0.2 + i * slot
                spread = 0.0 if size == 1 else 0.25 * (size - 1) * rng.uniform(0.8, 1.2)
                d = rng.uniform(0.6, min(2.2, 2.8 - spread, slot - spread - 0.15))
                e0 = lo + rng.uniform(0, max(0.0, slot - spread - d - 0.1))
                ents += [r1(e0 + (spread * j / (size - 1) if size > 1 else 0)) for j in range(size)]
                micros.append(r1(e0 + spread + d))
            if self.layout_ok(L, ents, micros, fixed):
                return sorted(ents), micros
        raise SystemExit("cannot lay out %d enterprises on %s" % (n, r["id"]))

    @staticmethod
    def layout_ok(L, ents, micros, fixed):
        if len(set(ents)) != len(ents) or min(ents) < 0.2 or max(micros) > L - 0.1:
            return False
        stations = sorted(micros + fixed)
        for m in micros:
            if any(abs(m - f) < 0.4 for f in fixed) or m in ents:
                return False
        for e in ents:
            below = [s - e for s in stations if s > e]
            if not below or not (0.5 <= below[0] <= 3.0):
                return False
        return True

    def build_enterprises(self):
        jobs = self.enterprise_jobs()
        by_reach = {}
        for j in jobs:
            by_reach.setdefault(j[3]["id"], []).append(j)
        km_of = {}
        self.micro_sites = []  # (reach, km)
        for r in self.reaches:
            js = by_reach.get(r["id"], [])
            if not js:
                continue
            ents, micros = self.layout_reach(r, len(js))
            self.rng.shuffle(ents)
            for j, km in zip(js, ents):
                km_of[id(j)] = km
            self.micro_sites += [(r, m) for m in micros]
        tag_zh, tag_en = "（HJ 212 样例设备）", " (HJ 212 sample device)"
        n_hj = 0
        for i, j in enumerate(jobs, 1):
            ind, zh, en, r, limits, (ofzh, ofen), hj = j
            if hj is None:
                self.add_enterprise("E%03d" % i, "OF-%03d" % i, ind, zh, en, r, km_of[id(j)], limits, ofzh, ofen)
            else:
                mn, pw = self.devices[hj][0], self.devices[hj][1]
                n_hj += 1
                st = self.add_enterprise("E%03d" % i, "HJ-%02d" % (hj + 1), ind, zh, en, r, km_of[id(j)], limits,
                                         ofzh, ofen, extra=self.hj_extra(mn, pw))
                st["name"] += tag_zh
                st["nameEn"] += tag_en
                st["parameters"] = hj212_params(OUTFALL_PARAMS, self.devices[hj][4])
                self.hj_slots[hj] = st
        self.hj = [s for s in self.hj_slots]
        assert all(s is not None for s in self.hj)

    def add_enterprise(self, eid, sid, ind, zh, en, r, km, limits, ofzh="总排口", ofen="main outfall", extra=None):
        st = self.station(sid, zh + ofzh + "在线监测", en + " " + ofen + " online monitor", "outfall", r, km, None,
                          OUTFALL_PARAMS, 60, extra=extra, limits=limits)
        if not extra:
            self.outfall.append(st)
        self.enterprises.append({"id": eid, "name": zh, "nameEn": en, "industry": ind, "reach": r["id"],
                                 "km": st["km"], "outfall": {"id": "OF-" + eid, "name": ofzh, "x": st["x"], "y": st["y"]},
                                 "monitorStation": sid})
        return st

    # ---- micro-stations: the ones below the enterprises, then the largest gaps filled ----
    def build_micro(self):
        rng = self.rng
        sites = list(self.micro_sites)
        assert len(sites) <= MICRO_COUNT, len(sites)
        ent_kms = {}
        for e in self.enterprises:
            ent_kms.setdefault(e["reach"], []).append(e["km"])
        while len(sites) < MICRO_COUNT:
            best = None
            for r in self.reaches:
                if self.reach_meta[r["id"]]["reservoir"]:
                    continue
                kms = sorted(self.river_stations_on(r["id"]) + [m for rr, m in sites if rr is r])
                bounds = [0.0] + kms + [r["lengthKm"]]
                for a, b in zip(bounds, bounds[1:]):
                    # a gap at either end of the reach counts half: the neighbour reach may cover it
                    w = (b - a) * (0.75 if a == 0.0 or b == r["lengthKm"] else 1.0)
                    for cand in (r1((a + b) / 2), r1(a + (b - a) * 0.4), r1(a + (b - a) * 0.6)):
                        ok = (cand - a >= 0.3 and b - cand >= 0.3 and
                              not any(e < cand < e + 0.5 for e in ent_kms.get(r["id"], [])))
                        if ok:
                            if best is None or w > best[0] + 1e-9:
                                best = (w, r, cand)
                            break
            assert best is not None
            sites.append((best[1], best[2]))
        order = {r["id"]: i for i, r in enumerate(self.reaches)}
        sites.sort(key=lambda t: (order[t[0]["id"]], t[1]))
        for n, (r, km) in enumerate(sites, 1):
            m = self.reach_meta[r["id"]]
            county = m["county"]
            vzh, ven = self.village()
            stype = self.weighted([((z, e), w) for z, e, w in SITE_TYPES])
            site = vzh + (stype[0][1:] if stype[0].startswith("村") and vzh.endswith("村") else stype[0])
            name = county + site + "微站"
            name_en = "%s %s micro-station (%s)" % (ven, stype[1], COUNTIES[county])
            extras = self.weighted(MICRO_EXTRAS)
            params = BASE_PARAMS + [p for p in ["nh3n", "codmn", "tp"] if p in extras]
            self.micro.append(self.station("MS-%03d" % n, name, name_en, "micro", r, km, m["cls"], params, 60))

    def build_cameras(self):
        rng = self.rng
        plan = []  # (site id, site name, camera suffix zh)
        for s in self.national:
            plan.append((s["id"], s["name"], "上游球机"))
        for s in self.fingerprint:
            plan.append((s["id"], s["name"], "枪机"))
        for e in self.enterprises[:CAMERA_ENTERPRISES]:
            plan.append((e["id"], e["name"], "排口枪机"))
        for s in self.national[::3]:
            plan.append((s["id"], s["name"], "下游枪机"))
        rest = CAMERA_TOTAL - len(plan)
        picks = sorted(rng.sample(range(len(self.micro)), rest))
        for i in picks:
            s = self.micro[i]
            plan.append((s["id"], s["name"], "球机"))
        for i, (site, name, suffix) in enumerate(plan, 1):
            base = name[:-2] if name.endswith("微站") else name
            self.cameras.append({"id": "CAM-%04d" % i, "name": base + suffix, "site": site,
                                 "streamUrl": "rtsp://video.example.invalid/cam/%04d" % i})

    def build(self):
        self.build_reaches()
        self.load_hj212()
        self.build_national()
        self.build_fingerprint()
        self.build_hj212_river()
        self.build_enterprises()
        self.build_micro()
        self.build_cameras()
        return {
            "name": "长治市地表水水质监测网（演示）",
            "nameEn": "Changzhi surface-water monitoring network (demo)",
            "timezone": "Asia/Shanghai",
            "rivers": self.rivers,
            "reaches": self.reaches,
            "stations": self.micro + self.national + self.fingerprint + self.outfall + self.hj,
            "enterprises": self.enterprises,
            "cameras": self.cameras,
        }, self.devices


# --------------------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------------------

KNOWN_PARAMS = {"ph", "do", "temp", "cond", "turb", "codmn", "cod", "bod5", "toc", "nh3n", "tp", "tn", "flow",
                "chla", "cu", "zn", "hg", "cd", "cr6", "as", "pb", "se"}


def validate(net):
    rivers = {r["id"] for r in net["rivers"]}
    reaches = {r["id"]: r for r in net["reaches"]}
    stations = {s["id"]: s for s in net["stations"]}
    enterprises = {e["id"]: e for e in net["enterprises"]}
    all_ids = [x["id"] for k in ("rivers", "reaches", "stations", "enterprises", "cameras") for x in net[k]]
    all_ids += [e["outfall"]["id"] for e in net["enterprises"]]
    dup = sorted({i for i in all_ids if all_ids.count(i) > 1})
    assert not dup, "duplicate ids: %s" % dup
    assert len(reaches) == len(net["reaches"]) and len(stations) == len(net["stations"])

    for r in net["reaches"]:
        assert r["river"] in rivers, r["id"]
        assert r["downstream"] is None or r["downstream"] in reaches, r["id"]
        assert 3.0 <= r["lengthKm"] <= 25.0, (r["id"], r["lengthKm"])
        assert 0.2 <= r["velocityMps"] <= 1.2, (r["id"], r["velocityMps"])
        assert len(r["path"]) >= 2
        for x, y in r["path"]:
            assert 0 <= x <= 1000 and 0 <= y <= 700, r["id"]
        if r["downstream"]:
            assert reaches[r["downstream"]]["path"][0] == r["path"][-1], "%s does not meet %s" % (r["id"], r["downstream"])
    # acyclic (each reach has at most one downstream by construction of the field): follow every chain to an outlet
    for rid in reaches:
        seen, cur = set(), rid
        while cur is not None:
            assert cur not in seen, "cycle through %s" % cur
            seen.add(cur)
            cur = reaches[cur]["downstream"]
    outlets = [r["id"] for r in net["reaches"] if r["downstream"] is None]

    for s in net["stations"]:
        r = reaches.get(s["reach"])
        assert r is not None, s["id"]
        assert 0 <= s["km"] <= r["lengthKm"], s["id"]
        assert [s["x"], s["y"]] == point_at(r["path"], s["km"] / r["lengthKm"]), s["id"]
        assert s["secret"] == "demo-" + s["id"].lower()
        assert set(s["parameters"]) <= KNOWN_PARAMS, s["id"]
        if s["kind"] == "outfall":
            assert s["targetClass"] is None and s["waterBody"] == "effluent" and set(s["limits"]) <= KNOWN_PARAMS
            assert s["intervalSeconds"] == 60
        else:
            assert s["kind"] in ("micro", "national", "fingerprint"), s["id"]
            assert 1 <= s["targetClass"] <= 5 and s["waterBody"] in ("river", "lake") and "limits" not in s
            assert s["intervalSeconds"] == (300 if s["kind"] == "national" else 60)
    for e in net["enterprises"]:
        assert e["reach"] in reaches, e["id"]
        ms = stations.get(e["monitorStation"])
        assert ms is not None and ms["kind"] == "outfall", e["id"]
        assert ms["reach"] == e["reach"] and ms["km"] == e["km"], e["id"]
        assert [e["outfall"]["x"], e["outfall"]["y"]] == [ms["x"], ms["y"]], e["id"]
    monitored = [e["monitorStation"] for e in net["enterprises"]]
    assert len(set(monitored)) == len(monitored)
    assert set(monitored) == {s["id"] for s in net["stations"] if s["kind"] == "outfall"}, "outfall without enterprise"
    for c in net["cameras"]:
        assert c["site"] in stations or c["site"] in enterprises, c["id"]
        assert ".invalid/" in c["streamUrl"], c["id"]
    mns = [s["hj212"]["mn"] for s in net["stations"] if "hj212" in s]
    assert len(set(mns)) == len(mns)
    lakes = [s["id"] for s in net["stations"] if s["waterBody"] == "lake"]
    assert 1 <= len(lakes) <= 2, lakes
    # the demo's discharges must reach a river station quickly: micro or national 0.5-3 km below the outfall
    covered = sum(1 for e in net["enterprises"] if 0.5 <= (first_below(net, e) or 99) <= 3.0)
    assert covered >= 0.9 * len(net["enterprises"]), covered
    return outlets, covered


def first_below(net, e):
    """Distance (km) from enterprise e down to the nearest micro-station or national section on its reach or the
    next one, or None."""
    reaches = {r["id"]: r for r in net["reaches"]}
    best = None
    for s in net["stations"]:
        if s["kind"] not in ("micro", "national"):
            continue
        if s["reach"] == e["reach"] and s["km"] > e["km"]:
            d = s["km"] - e["km"]
        elif s["reach"] == reaches[e["reach"]]["downstream"]:
            d = reaches[e["reach"]]["lengthKm"] - e["km"] + s["km"]
        else:
            continue
        best = d if best is None or d < best else best
    return None if best is None else round(best, 1)


def dump(net):
    """Readable JSON, indent 1, UTF-8 (no escapes)."""
    return json.dumps(net, ensure_ascii=False, indent=1) + "\n"


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(here.parent / "demo-network.json"))
    ap.add_argument("--samples", default=DEFAULT_SAMPLES, help="HJ 212 samples.txt (embedded snapshot if absent)")
    args = ap.parse_args()

    b = Builder(args.samples)
    net, devices = b.build()
    outlets, covered = validate(net)
    text = dump(net)
    assert json.loads(text) == net
    Path(args.out).write_text(text, encoding="utf-8")

    kinds = {}
    for st in net["stations"]:
        kinds[st["kind"]] = kinds.get(st["kind"], 0) + 1
    log = lambda *a: print(*a, file=sys.stderr)
    if b.hj_source != "embedded snapshot" and json.dumps(devices) != json.dumps([list(d) for d in HJ212_SNAPSHOT]):
        log("warning: samples.txt devices differ from HJ212_SNAPSHOT; update the snapshot")
    log("wrote %s (%d bytes)" % (args.out, len(text.encode("utf-8"))))
    log("rivers %d, reaches %d (outlets %s)" % (len(net["rivers"]), len(net["reaches"]), ", ".join(outlets)))
    log("stations %d: %s" % (len(net["stations"]), ", ".join("%s %d" % kv for kv in kinds.items())))
    log("enterprises %d (%d with a micro-station or national section 0.5-3 km below), cameras %d"
        % (len(net["enterprises"]), covered, len(net["cameras"])))
    log("HJ 212 devices from %s:" % b.hj_source)
    for st in net["stations"]:
        if "hj212" in st:
            log("  %s %-10s %-26s pw=%s  %s" % (st["id"], st["kind"], st["hj212"]["mn"], st["hj212"]["pw"], st["name"]))


if __name__ == "__main__":
    main()
