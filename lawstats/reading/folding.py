"""Traditional characters folded to simplified ones, one to one (offsets are kept).

Reports reposted through a conversion gateway arrive in traditional characters (``項``, ``縣``);
labels and indicators read them folded.

Examples
--------
>>> from lawstats.reading.folding import FOLD
>>> "受理行政複議申請12件".translate(FOLD)
'受理行政复议申请12件'
"""
from __future__ import annotations

__all__ = ["FOLD_PAIRS", "FOLD"]

#: Traditional characters common in these reports, each followed by its simplified form.
FOLD_PAIRS = (
    "複复議议訴诉訟讼調调糾纠紛纷執执證证書书審审辦办網网請请項项縣县務务規规範范員员顧顾問问師师應应數数萬万億亿許许銷销營营"
    "業业發发動动處处評评協协會会滿满傳传講讲訓训練练濟济額额難难組组織织體体開开關关機机構构單单統统計计為为達达場场與与對对"
    "後后從从減减壓压縮缩時时間间見见報报備备記记錄录決决聽听險险違违紀纪黨党視视頻频線线熱热電电話话諮咨詢询戶户態态隊队廳厅"
    "區区鄉乡鎮镇導导專专職职責责權权變变錯错確确認认敗败餘余兩两張张個个條条類类謀谋劃划監监質质內内據据標标準准護护層层級级"
    "題题納纳進进於于療疗參参強强歸归檔档陸陆續续齊齐擔担當当衛卫幣币團团結结點点們们這这麼么鄰邻產产勞劳幹干戰战禮礼彙汇遞递"
    "郵邮聯联眾众暢畅徵征"
)
FOLD = str.maketrans(FOLD_PAIRS[0::2], FOLD_PAIRS[1::2])
